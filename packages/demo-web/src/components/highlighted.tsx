import { highlight } from '../model/highlight';

/** Text with the parts matching the search in `<mark>` (as text: React escapes every piece). */
export function Highlighted({ text, query }: { readonly text: string; readonly query: string }) {
  if (query.trim() === '') return <>{text}</>;
  return (
    <>
      {highlight(text, query).map((segment, i) =>
        segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}
