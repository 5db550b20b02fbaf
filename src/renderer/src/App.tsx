// Placeholder frame: the first-run screen, navigation and grids arrive with the shell and grid issues.
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Enlight Admin</h1>
      <p>Your Enlight organisation, offline and in grids. The app frame is on its way.</p>
    </main>
  );
}
