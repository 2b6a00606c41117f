// Stylesheets mean nothing to jsdom; Vite handles them in the real build.
export {};
