// Vitest's setup for every test file (vite.config.ts): what jsdom lacks and the UI uses.

// jsdom has <dialog> without showModal and close.
HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
  this.open = true;
};
HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
  this.open = false;
};
