import { avatarHue, initials } from '../model/initials';

/** A round avatar with a contact's initials (decorative: the name is beside it). */
export function Avatar({ name, size = 'small' }: { readonly name: string; readonly size?: 'small' | 'large' }) {
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true" style={{ ['--hue' as string]: String(avatarHue(name)) }}>
      {initials(name)}
    </span>
  );
}
