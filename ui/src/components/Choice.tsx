/** One radio button of a group, labelled. */
interface Props<T extends string | number> {
  /** The group's name. */
  name: string;
  value: T;
  /** The group's chosen value. */
  current: T;
  label: string;
  disabled?: boolean;
  onChange: (value: T) => void;
}

export function Choice<T extends string | number>({
  name,
  value,
  current,
  label,
  disabled,
  onChange,
}: Props<T>) {
  return (
    <label className="check">
      <input
        type="radio"
        name={name}
        checked={current === value}
        disabled={disabled}
        onChange={() => onChange(value)}
      />
      {label}
    </label>
  );
}
