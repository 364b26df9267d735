/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { postsPlugin } from './src/build/posts-plugin.ts';

export default defineConfig({
  // Relative URLs everywhere: dist/ works from any host at any sub-path.
  base: './',
  plugins: [svelte(), postsPlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
