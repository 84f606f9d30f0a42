import { useId, useState } from 'react';
import { applyTheme, storedTheme, type Theme } from '../model/theme';

/** Light, dark, or the system's choice (the default). */
export function ThemePicker() {
  const id = useId();
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <span className="theme-picker">
      <label htmlFor={id}>Theme</label>
      <select
        id={id}
        value={theme}
        onChange={(event) => {
          const next = event.target.value === 'light' || event.target.value === 'dark' ? event.target.value : 'system';
          applyTheme(next);
          setTheme(next);
        }}
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </span>
  );
}
