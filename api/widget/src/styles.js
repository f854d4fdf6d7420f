// The widget's stylesheet, put into its Shadow DOM so that the page's CSS cannot reach in;
// the page themes it only through the --ds-* custom properties listed in main.js.
export const CSS = `
:host{all:initial;display:block;
--_accent:var(--ds-accent,#00577a);--_on:var(--ds-accent-text,#fff);--_bg:var(--ds-bg,#fff);
--_surface:var(--ds-surface,#f1f5f7);--_text:var(--ds-text,#1b1b1b);--_muted:var(--ds-muted,#4a5560);
--_border:var(--ds-border,#6b7780);--_focus:var(--ds-focus,#0b0c0c);--_wbg:var(--ds-warn-bg,#fff4e0);
--_wtext:var(--ds-warn-text,#5c3200);--_wborder:var(--ds-warn-border,#a15c00);
--_radius:var(--ds-radius,.5em);--_font:var(--ds-font,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif);
--_z:var(--ds-z-index,2147483000);--_line:#c9d2d8}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,input,textarea{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px;box-shadow:0 0 0 2px #fff}
.sr-only{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.launcher{position:fixed;right:1em;bottom:1em;z-index:var(--_z);display:inline-flex;align-items:center;gap:.5em;
padding:.7em 1.1em;border:2px solid var(--_accent);border-radius:2em;background:var(--_accent);color:var(--_on);
font:600 1em/1.2 var(--_font);box-shadow:0 .2em .8em rgba(0,0,0,.3)}
.launcher:hover{text-decoration:underline}
.launcher svg{width:1.4em;height:1.4em;flex:none}
.panel{position:fixed;right:1em;bottom:4.9em;z-index:var(--_z);display:flex;flex-direction:column;
width:min(var(--ds-panel-width,26em),calc(100vw - 2em));height:min(var(--ds-panel-height,40em),calc(100vh - 6em));
background:var(--_bg);color:var(--_text);font:1em/1.5 var(--_font);border:1px solid var(--_border);
border-radius:var(--_radius);box-shadow:0 .4em 2em rgba(0,0,0,.3);overflow:hidden;animation:ds-in .18s ease-out}
.panel.inline{position:relative;right:auto;bottom:auto;z-index:auto;width:100%;height:var(--ds-inline-height,36em);box-shadow:none;animation:none}
@media (max-width:30em),(max-height:32em){.panel:not(.inline){inset:0;width:100%;height:100%;border:0;border-radius:0}
.panel:not([hidden]):not(.inline)~.launcher{display:none}}
@keyframes ds-in{from{opacity:0;transform:translateY(.6em)}to{opacity:1;transform:none}}
.head{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .5em;padding:.55em .75em;border-bottom:3px solid var(--_accent)}
.title{flex:1 1 auto;margin:0;font-size:1.125em;line-height:1.3;color:var(--_accent)}
.head-actions{display:flex;gap:.4em;flex-wrap:wrap}
.btn{display:inline-flex;align-items:center;gap:.3em;min-height:2.25em;padding:.3em .7em;border:2px solid var(--_accent);
border-radius:.35em;background:var(--_bg);color:var(--_accent);font-weight:600;line-height:1.2}
.btn:hover{background:var(--_surface);text-decoration:underline}
.btn.primary{background:var(--_accent);color:var(--_on)}
.btn.primary:hover{background:var(--_accent)}
.btn.small{min-height:2em;padding:.15em .55em;font-size:.875em}
.scope{display:flex;flex-wrap:wrap;align-items:baseline;gap:.15em .4em;margin:0;padding:.45em .75em;background:var(--_surface);border-bottom:1px solid var(--_line);font-size:.9375em}
.scope-label{color:var(--_muted)}
.link{padding:.2em .1em;border:0;background:none;color:var(--_accent);text-decoration:underline;font-weight:600}
.picker{max-height:50%;overflow:auto;padding:.5em .75em .6em;border-bottom:1px solid var(--_line)}
.picker label{display:block;font-weight:600;font-size:.9375em}
.field{width:100%;padding:.45em .55em;border:2px solid var(--_border);border-radius:.35em;background:var(--_bg);color:var(--_text)}
.field::placeholder{color:#5c6670;opacity:1}
.plist{list-style:none;margin:.4em 0 0;padding:0}
.pick{display:flex;justify-content:space-between;gap:.5em;width:100%;padding:.45em .4em;border:0;border-bottom:1px solid var(--_line);background:none;text-align:left}
.pick:hover{background:var(--_surface);text-decoration:underline}
.pick[aria-current="true"]{font-weight:700}
.pick .code{color:var(--_muted);white-space:nowrap}
.hint,.muted{color:var(--_muted)}
.hint{margin:.3em 0 0;font-size:.8125em}
.log{position:relative;flex:1 1 auto;min-height:5em;overflow-y:auto;display:flex;flex-direction:column;gap:.75em;padding:.75em}
.log:focus-visible{outline-offset:-3px;box-shadow:none}
.empty p{margin:0 0 .5em}
.sub{margin:.6em 0 .3em;font-size:.9375em}
.starters{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.4em}
.starter{width:100%;padding:.5em .7em;text-align:left;border:1px solid var(--_accent);border-radius:var(--_radius);background:var(--_bg);color:var(--_accent)}
.starter:hover{background:var(--_surface);text-decoration:underline}
.msg{overflow-wrap:anywhere;border-radius:var(--_radius)}
.msg p{margin:0}
.user{align-self:flex-end;max-width:88%;padding:.5em .75em;background:var(--_accent);color:var(--_on);white-space:pre-wrap;border-bottom-right-radius:.15em}
.bot{padding:.6em .75em;background:var(--_surface);border:1px solid var(--_line);border-left:4px solid var(--_accent);border-top-left-radius:.15em}
.bot.unsupported{background:var(--_wbg);border:2px dashed var(--_wborder);border-left:6px solid var(--_wborder)}
.badge{display:flex;align-items:center;gap:.4em;margin:0 0 .35em!important;font-weight:700;color:var(--_wtext)}
.badge-icon{display:inline-grid;place-items:center;width:1.35em;height:1.35em;border-radius:50%;background:var(--_wtext);color:#fff;font-size:.85em;line-height:1}
.answer-text{white-space:pre-wrap}
.typing{color:var(--_muted);font-style:italic}
.provisional .answer-text{color:var(--_muted)}
.provisional-note{margin:0 0 .25em;color:var(--_muted);font-style:italic;font-size:.875em}
.dots::after{content:"";display:inline-block;width:.5em;height:.5em;margin-right:.4em;border-radius:50%;background:var(--_accent);animation:ds-pulse 1s ease-in-out infinite alternate}
@keyframes ds-pulse{from{opacity:.25}to{opacity:1}}
.cite-ref{display:inline-block;min-width:1.8em;margin:0 .1em;padding:0 .25em;border:1px solid var(--_accent);border-radius:.3em;background:var(--_bg);color:var(--_accent);font-size:.875em;font-weight:700;line-height:1.45;vertical-align:baseline}
.cite-ref:hover{background:var(--_accent);color:var(--_on)}
.sources{margin-top:.55em;padding-top:.4em;border-top:1px solid var(--_line)}
.sources h3{margin:0 0 .15em;font-size:.8125em;text-transform:uppercase;letter-spacing:.04em;color:var(--_muted)}
.slist{list-style:none;margin:0;padding:0}
.source{display:flex;gap:.4em;width:100%;padding:.25em .1em;border:0;background:none;text-align:left;font-size:.875em;color:var(--_accent)}
.source:hover .stitle{text-decoration:underline}
.source .n{font-weight:700;flex:none}
.stitle{text-decoration:underline}
.loc{display:block;color:var(--_muted)}
.actions{display:flex;gap:.4em;margin-top:.5em}
.alert{display:flex;gap:.5em;align-items:flex-start;margin:0 .75em .5em;padding:.5em .7em;border:2px solid #b3261e;border-left-width:6px;border-radius:.35em;background:#fdecea;color:#5f1410;font-size:.9375em}
.alert-icon{flex:none;display:inline-grid;place-items:center;width:1.35em;height:1.35em;border-radius:50%;background:#b3261e;color:#fff;font-weight:700;font-size:.85em;line-height:1;margin-top:.15em}
.composer{padding:.5em .75em .6em;border-top:1px solid var(--_line);background:var(--_bg)}
.row{display:flex;gap:.5em;align-items:flex-end}
textarea.field{flex:1;min-width:0;min-height:2.6em;max-height:9em;resize:none;line-height:1.4}
.count.over{color:#b3261e;font-weight:700}
.cite,.brief{position:absolute;inset:0;z-index:2;display:flex;flex-direction:column;background:var(--_bg);color:var(--_text);animation:ds-in .15s ease-out}
.sheet-head{display:flex;align-items:center;justify-content:space-between;gap:.5em;padding:.55em .75em;border-bottom:3px solid var(--_accent)}
.sheet-head h3{margin:0;font-size:1.0625em;color:var(--_accent)}
.sheet-head h3:focus{outline:none}
.sheet-head h3:focus-visible{outline:3px solid var(--_focus)}
.sheet-body{position:relative;flex:1;overflow:auto;padding:.75em}
.sheet-body:focus-visible{outline-offset:-3px;box-shadow:none}
.cite-title{font-weight:700;margin:0 0 .3em}
.meta{display:grid;grid-template-columns:auto 1fr;gap:.1em .75em;margin:0 0 .6em;font-size:.875em}
.meta dt{color:var(--_muted);font-weight:600}
.meta dd{margin:0;overflow-wrap:anywhere}
.snippet{margin:0 0 .75em;padding:.5em .75em;border-left:4px solid var(--_accent);background:var(--_surface);white-space:pre-wrap;overflow-wrap:anywhere}
.ctx{margin-top:.6em}
.ctx p{margin:0 0 .6em;white-space:pre-wrap;overflow-wrap:anywhere}
.around{color:var(--_muted)}
.scope .btn{margin-left:auto}
.brief p{margin:0 0 .5em}
.brief .sheet-body>p{font-size:.875em}
.brief a{color:var(--_accent);font-weight:600}
.brief h4{margin:1.1em 0 .3em;font-size:1em;color:var(--_accent)}
.brief h5{margin:0 0 .3em;font-size:1em}
.brief h6{margin:.5em 0 .2em;font-size:.875em}
.cards{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.6em}
.card{padding:.6em .75em;background:var(--_surface);border:1px solid var(--_line);border-left:4px solid var(--_accent);border-radius:var(--_radius)}
.card.flagged{border-left:6px double var(--_wborder)}
.card ul,.brief ol{margin:0 0 .5em;padding-left:1.2em}
.card li{margin-bottom:.4em}
mark{background:#fff1a8;color:var(--_text);padding:0 .1em}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media (forced-colors:active){.cite-ref,.btn,.launcher,.starter{border:2px solid ButtonText}.bot.unsupported{border-style:dashed}}
`;
