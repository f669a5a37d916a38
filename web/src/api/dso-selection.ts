// The chosen DSO lives in localStorage so a reload keeps it; the client sends it as the Enamel-Dso header.
const storageKey = 'enamel.dsoId';

export function getSelectedDsoId(): string | null {
  try {
    return window.localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

export function setSelectedDsoId(id: string | null): void {
  try {
    if (id === null) window.localStorage.removeItem(storageKey);
    else window.localStorage.setItem(storageKey, id);
  } catch {
    // Storage can be disabled (private mode); the choice then lasts for this page only.
  }
}
