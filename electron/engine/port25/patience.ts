// Moved to net/patience.ts (discovery and sign-in use it too). This re-export keeps branches
// written before the move compiling; nothing in this tree imports it. Remove after the merge.
export * from '../net/patience'
