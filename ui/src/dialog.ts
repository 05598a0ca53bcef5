// Modal dialogs built from DOM nodes (never from markup strings).

export interface DialogButton {
  id: string;
  label: string;
  primary?: boolean;
}

/** Shows a modal dialog; resolves with the id of the button pressed, or "cancel" on Escape. A button
 * in the body with a `data-action` (a choice among many, listed in the body) answers it too. */
export function showDialog(title: string, body: Node[], buttons: DialogButton[], testid?: string): Promise<string> {
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.className = "dialog";
    if (testid) dialog.dataset.testid = testid;
    const h = document.createElement("h3");
    h.textContent = title;
    const content = document.createElement("div");
    content.className = "dialog-body";
    content.append(...body);
    content.addEventListener("click", (e) => {
      const choice = (e.target as Element).closest<HTMLButtonElement>("button[data-action]");
      if (choice && !choice.disabled) finish(choice.dataset.action!);
    });
    const footer = document.createElement("footer");
    for (const b of buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.label;
      button.dataset.action = b.id;
      if (b.primary) button.classList.add("primary");
      button.addEventListener("click", () => finish(b.id));
      footer.append(button);
    }
    dialog.append(h, content, footer);
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      finish("cancel");
    });
    function finish(id: string) {
      dialog.close();
      dialog.remove();
      resolve(id);
    }
    document.body.append(dialog);
    dialog.showModal();
    footer.querySelector<HTMLButtonElement>(".primary")?.focus();
  });
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; testid?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testid) node.dataset.testid = props.testid;
  node.append(...children);
  return node;
}
