// A toolbar button that shows a panel under it (the filter builder, the column chooser): the
// button says whether it is open; Escape closes it and focus returns to the button; a click or
// focus elsewhere closes it too, so a forgotten panel never covers the grid.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  label: string;
  /** Given a way to close the panel, e.g. once a filter has been added. */
  children: (close: () => void) => ReactNode;
}

export function Disclosure({ label, children }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  return (
    <div
      ref={root}
      className="disclosure"
      onKeyDown={(event) => {
        if (open && event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button ref={button} type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        {label}
      </button>
      {open ? (
        <div id={panelId} className="disclosure__panel" role="group" aria-label={label}>
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}
