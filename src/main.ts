import { mount } from 'svelte';
import App from './components/App.svelte';
import './app.css';

const target = document.getElementById('summit-app');
if (target) mount(App, { target });
