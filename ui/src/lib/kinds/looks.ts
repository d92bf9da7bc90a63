// Generated from the catalog (the kinds' `icon`, the layers' `colour`) by `cargo xtask bindings`.
// Do not edit: change the catalog and run it again.

/** Each kind's icon: SVG path data in a 24×24 box, stroked. */
export const KIND_ICONS: Readonly<Record<string, string>> = {
  "agent": "M7 8h10a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M12 4v4 M9.5 13.5h.01 M14.5 13.5h.01 M9.5 16.5h5",
  "orchestrator": "M10 3h4v4h-4z M12 7v4 M5 11h14 M5 11v4 M12 11v4 M19 11v4 M3 15h4v4H3z M10 15h4v4h-4z M17 15h4v4h-4z",
  "llm": "M7 7h10v10H7z M10 10h4v4h-4z M9 3v4 M15 3v4 M9 17v4 M15 17v4 M3 9h4 M3 15h4 M17 9h4 M17 15h4",
  "embedding-model": "M3 12h6 M7 9l3 3-3 3 M14 6h.01 M17 6h.01 M20 6h.01 M14 12h.01 M17 12h.01 M20 12h.01 M14 18h.01 M17 18h.01 M20 18h.01",
  "training-pipeline": "M4 12a8 8 0 0 1 14-5.3 M20 12a8 8 0 0 1-14 5.3 M18 3v4h-4 M6 21v-4h4",
  "model-registry": "M4 4h16v5H4z M4 9h16v5H4z M4 14h16v6H4z M8 6.5h.01 M8 11.5h.01 M8 17h.01",
  "vector-store": "M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3-3.1 3-7 3-7-1.3-7-3z M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6 M9 14h.01 M12 16.5h.01 M15 13h.01",
  "memory": "M3 8h18v8H3z M7 8v8 M11 8v8 M15 8v8 M6 16v3 M18 16v3 M6 5v3 M18 5v3",
  "document-store": "M6 3h8l4 4v14H6z M14 3v4h4 M9 12h6 M9 16h6",
  "database": "M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3",
  "prompt-store": "M4 5h16v11H9l-5 4z M8 9h8 M8 12h5",
  "tool": "M14.7 6.3a4 4 0 0 0-5.4 5.2L4 16.8 7.2 20l5.3-5.3a4 4 0 0 0 5.2-5.4l-2.5 2.5-2.5-.5-.5-2.5z",
  "code-interpreter": "M3 5h18v14H3z M7 10l3 2-3 2 M12 15h5",
  "mcp-server": "M9 3v5 M15 3v5 M7 8h10v3a5 5 0 0 1-10 0z M12 16v5",
  "external-api": "M7 18h10a4 4 0 0 0 .5-8 6 6 0 0 0-11.5 1.5A3.3 3.3 0 0 0 7 18z",
  "web-content": "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z M3 12h18 M12 3c3 3.5 3 14.5 0 18 M12 3c-3 3.5-3 14.5 0 18",
  "peer-agent": "M3 9h7v7H3z M14 9h7v7h-7z M10 12.5h4 M6.5 9V6 M17.5 9V6",
  "agent-registry": "M5 4h12a2 2 0 0 1 2 2v14H7a2 2 0 0 1-2-2z M5 18a2 2 0 0 1 2-2h12 M9 8h6 M9 11h4",
  "human": "M12 4a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z M5 20c0-3.9 3.1-6 7-6s7 2.1 7 6",
  "hitl-console": "M3 4h18v12H3z M8 20h8 M12 16v4 M8 10l3 3 5-5",
  "runtime": "M12 2l9 5v10l-9 5-9-5V7z M3 7l9 5 9-5 M12 12v10",
  "secrets-manager": "M15 3a5 5 0 1 0 0 10 5 5 0 0 0 0-10z M11.5 11.5L3 20 M6 17l2 2 M4.5 18.5l2 2",
  "identity-provider": "M3 6h18v12H3z M9 8.5a2 2 0 1 0 0 4 2 2 0 0 0 0-4z M6 16c.5-1.5 1.6-2 3-2s2.5.5 3 2 M14 10h4 M14 13h3",
  "policy-engine": "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z M8.5 12l2.5 2.5 4.5-5",
  "message-bus": "M3 7h18 M3 17h18 M7 7v10 M12 7v10 M17 7v10",
  "logging": "M6 3h12v18H6z M9 7h6 M9 11h6 M9 15h4",
  "monitoring": "M3 12h4l2-6 4 12 2-6h6",
};

/** Each MAESTRO layer's colour. */
export const LAYER_COLOURS: Readonly<Record<string, string>> = {
  "L1": "#8a6be0",
  "L2": "#4f8fe6",
  "L3": "#2fa5a0",
  "L4": "#5bb05f",
  "L5": "#d4a92a",
  "L6": "#e07b30",
  "L7": "#d9484d",
};
