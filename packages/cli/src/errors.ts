/** A problem with what the user gave us, reported as one line without a stack. */
export class BadInput extends Error {}
