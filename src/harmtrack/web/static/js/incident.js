// Incident and document pages: pointing at a figure or field (hover or keyboard focus) lights up
// the words it was read from, <mark class="ev" data-field="..." data-ev="..."> in the source text,
// and scrolls them into view; pointing at marked words lights up the fields they support.
"use strict";

(function () {
  const MARKS = "mark.ev";
  // Anything that names evidence: by span keys (data-ev) or by field name (data-field).
  const TRIGGERS = "[data-ev]:not(mark), [data-field]:not(mark)";

  function tokens(node, name) {
    return (node.getAttribute(name) || "").split(/\s+/).filter(Boolean);
  }

  function scope(trigger) {
    // A trigger inside a claim's block points at that claim's text when the block has one.
    const block = trigger.closest("[data-claim], [data-document]");
    if (block && block.querySelector(MARKS)) return block;
    return document;
  }

  function marksFor(trigger) {
    const keys = tokens(trigger, "data-ev");
    const fields = tokens(trigger, "data-field");
    const found = new Set();
    const root = keys.length ? document : scope(trigger);
    for (const mark of root.querySelectorAll(MARKS)) {
      const markKeys = tokens(mark, "data-ev");
      const markFields = tokens(mark, "data-field");
      if (keys.length ? keys.some((k) => markKeys.includes(k)) :
        fields.some((f) => markFields.includes(f))) {
        found.add(mark);
      }
    }
    return Array.from(found);
  }

  function triggersFor(mark) {
    const markKeys = tokens(mark, "data-ev");
    const markFields = tokens(mark, "data-field");
    return Array.from(document.querySelectorAll(TRIGGERS)).filter((t) => {
      const keys = tokens(t, "data-ev");
      if (keys.length) return keys.some((k) => markKeys.includes(k));
      return tokens(t, "data-field").some((f) => markFields.includes(f)) && scope(t).contains(mark);
    });
  }

  function visible(node) {
    const box = node.getBoundingClientRect();
    let parent = node.parentElement;
    while (parent && parent !== document.body) {
      const style = window.getComputedStyle(parent);
      if (/(auto|scroll)/.test(style.overflowY)) {
        const outer = parent.getBoundingClientRect();
        if (box.top < outer.top || box.bottom > outer.bottom) return false;
      }
      parent = parent.parentElement;
    }
    return box.top >= 0 && box.bottom <= window.innerHeight;
  }

  let lit = [];
  // What lit them, "pointer" or "focus": the mouse leaving (say, as the text scrolls under it)
  // must not put out what the keyboard lit, and the other way round.
  let litBy = null;

  function clear(by) {
    if (by && by !== litBy) return;
    for (const node of lit) node.classList.remove("ev-active");
    lit = [];
    litBy = null;
  }

  function light(nodes, scroll, by) {
    clear();
    for (const node of nodes) node.classList.add("ev-active");
    lit = nodes;
    litBy = by;
    if (scroll && nodes.length && !visible(nodes[0])) {
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      nodes[0].scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
    }
  }

  function fromTrigger(event, by) {
    const trigger = event.target.closest ? event.target.closest(TRIGGERS) : null;
    if (!trigger) return;
    const marks = marksFor(trigger);
    if (!marks.length) return;
    light([trigger, ...marks], true, by);
  }

  function fromMark(event) {
    const mark = event.target.closest ? event.target.closest(MARKS) : null;
    if (!mark) return;
    light([mark, ...triggersFor(mark)], false, "pointer");
  }

  function leave(event, by) {
    const from = event.target.closest ? event.target.closest(TRIGGERS + ", " + MARKS) : null;
    const to = event.relatedTarget && event.relatedTarget.closest ?
      event.relatedTarget.closest(TRIGGERS + ", " + MARKS) : null;
    if (from && from !== to) clear(by);
  }

  if (!document.querySelector(MARKS)) return;

  // Figures that are not links or buttons still take keyboard focus, so that keyboard users can
  // light up their evidence too.
  const FOCUSABLE = "a, button, input, select, textarea, [tabindex]";
  for (const trigger of document.querySelectorAll(TRIGGERS)) {
    if (!marksFor(trigger).length) continue;
    trigger.classList.add("ev-link");
    if (!trigger.matches(FOCUSABLE)) trigger.setAttribute("tabindex", "0");
  }

  document.addEventListener("mouseover", (event) => {
    if (event.target.closest && event.target.closest(MARKS)) fromMark(event);
    else fromTrigger(event, "pointer");
  });
  document.addEventListener("focusin", (event) => fromTrigger(event, "focus"));
  document.addEventListener("mouseout", (event) => leave(event, "pointer"));
  document.addEventListener("focusout", (event) => leave(event, "focus"));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") clear();
  });
})();
