export default defineBackground(() => {
  // Wiring lands with the job engine.
});
