import { mount } from 'svelte';
import App from './components/App.svelte';
import { pwa } from './state/pwa.svelte.ts';
import './app.css';

const target = document.getElementById('summit-app');
if (target) mount(App, { target });
pwa.start();
