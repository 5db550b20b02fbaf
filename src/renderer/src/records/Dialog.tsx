// A modal dialog: the browser's own <dialog>, so focus stays inside it, Escape closes it and the
// rest of the page is inert while it is open. Focus starts on the first control, or on the one
// marked data-autofocus, and goes back to whatever opened the dialog.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import './Dialog.css';

interface Props {
  title: string;
  onClose(): void;
  /** While something is being done, Escape does not close the dialog under it. */
  busy?: boolean;
  wide?: boolean;
  children: ReactNode;
}

export function Dialog({ title, onClose, busy = false, wide = false, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // showModal focuses the first control; a dialog may name a safer one to start on.
    dialog?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'records-dialog records-dialog--wide' : 'records-dialog'}
      aria-labelledby={headingId}
      onCancel={(event) => {
        // Escape: the dialog closes by unmounting, so React's state and the page agree.
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={headingId} className="records-dialog__heading">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
