/// <reference types="vite/client" />
// (vite/client declares the CSS import below; tsconfig.web.json loads no ambient types.)
// The React Refresh preamble as a module import: under a CSP without 'unsafe-inline' the inline
// preamble Vite injects in dev is blocked, and this import does its job instead (empty in builds).
import '@vitejs/plugin-react/preamble'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
