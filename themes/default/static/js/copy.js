// Adds a "Copy link" button beside each permanent link field
// (input[data-copy]). Without JavaScript the field is still there to
// select; the button exists only where it can work. The result is
// announced in a status region; where the clipboard is not available
// (an insecure origin, a refused permission) the link is selected so the
// reader can copy it with the keyboard.
for (const input of document.querySelectorAll("input[data-copy]")) {
  const row = document.createElement("div");
  row.className = "permalink__actions";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "permalink__copy";
  const what = input.dataset.copy === "code" ? "code" : "link";
  button.textContent = "Copy " + what;
  const status = document.createElement("span");
  status.className = "permalink__status";
  status.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    status.textContent = "";
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = what === "code" ? "Code copied." : "Link copied.";
    } catch {
      input.focus();
      input.select();
      status.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    }
  });
  row.append(button, status);
  input.after(row);
}
