export function App() {
  return <main>Stakemap</main>;
}
