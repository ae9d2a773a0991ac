import { mount } from "svelte";
import "./app.css";
import "./attendance.css";
import "./briefing.css";
import "./programme.css";
import "./review.css";
import "./packs.css";
import "./practice.css";
import "./toolkit.css";
import App from "./App.svelte";

mount(App, { target: document.getElementById("app")! });
