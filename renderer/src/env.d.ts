// Runs in the renderer. Vite's client types: CSS side-effect imports, import.meta.env.
/// <reference types="vite/client" />
