import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import './app.css';
import App from './App.svelte';
import { Editor } from './lib/editor/editor.svelte';
import { tauriBackend } from './lib/tauri-backend';

const target = document.getElementById('app');
if (!target) throw new Error('the page has no #app element');

mount(App, { target, props: { editor: new Editor(tauriBackend) } });
