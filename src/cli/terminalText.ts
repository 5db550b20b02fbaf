// Text from elsewhere (the server's messages, a CSV's cells, what a sync recorded) as a terminal
// shows it. Control characters in it would be obeyed, not shown: an escape sequence can set the
// window's title, clear the screen or move the cursor over what was printed, a carriage return
// overwrite its line, a bidirectional override reorder it. They are written out as \uXXXX instead.
// Line feeds and tabs are kept.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
