/** A labelled form field with its error message. */
import type { ReactNode } from "react";

interface Props {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
}

export function Field({ label, error, hint, children, wide }: Props) {
  return (
    <div className={`field${wide ? " field-wide" : ""}${error ? " field-invalid" : ""}`}>
      {/* The error and the hint stay outside the label: they are not part of the field's name. */}
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as `children` */}
      <label className="field-body">
        <span className="field-label">{label}</span>
        {children}
      </label>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </div>
  );
}

/** Splits a core error message "contact.name: must not be empty" into field and text. */
export function fieldError(
  field: string | null,
  message: string,
): { field: string | null; text: string } {
  if (!field) return { field: null, text: message };
  const prefix = `${field}: `;
  const text = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  const short = field.split(".").slice(1).join(".") || field;
  return { field: short, text: capitalise(text) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
