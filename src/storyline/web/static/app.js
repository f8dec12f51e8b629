// storyline web UI: hover cards and highlighting on pages rendered by the server.
// Data only ever reaches the page as text (textContent), never as markup.
"use strict";

(function () {
  const MARK_KINDS = ["entity", "place", "source"];

  function marksAround(el, root) {
    const out = [];
    for (let n = el; n && n !== root; n = n.parentElement) {
      if (n.classList && n.classList.contains("m")) out.push(n);
    }
    return out;
  }

  function showCard(card, marks, x, y) {
    card.replaceChildren();
    for (const m of marks) {
      const block = document.createElement("div");
      block.className = "card-block card-" + (m.dataset.kind || "");
      for (const line of (m.dataset.info || "").split("\n")) {
        const row = document.createElement("div");
        row.textContent = line;
        block.appendChild(row);
      }
      card.appendChild(block);
    }
    card.hidden = marks.length === 0;
    const pad = 14;
    const w = card.offsetWidth;
    const left = Math.min(x + pad, window.scrollX + document.documentElement.clientWidth - w - pad);
    card.style.left = Math.max(pad, left) + "px";
    card.style.top = y + pad + "px";
  }

  function highlight(key) {
    const current = document.body.dataset.selected || "";
    for (const el of document.querySelectorAll(".hl")) el.classList.remove("hl");
    if (!key || key === current) {
      delete document.body.dataset.selected;
      return 0;
    }
    const sel = '[data-key="' + CSS.escape(key) + '"]';
    const found = document.querySelectorAll(sel);
    for (const el of found) el.classList.add("hl");
    document.body.dataset.selected = key;
    const first = document.querySelector(".article-text " + sel);
    if (first) first.scrollIntoView({ block: "nearest" });
    return found.length;
  }

  function setupArticle(root) {
    const card = document.getElementById("card");
    if (card) {
      root.addEventListener("mouseover", (ev) => {
        const marks = marksAround(ev.target, root);
        showCard(card, marks, ev.pageX, ev.pageY);
      });
      root.addEventListener("mouseleave", () => {
        card.hidden = true;
      });
      root.addEventListener("focusin", (ev) => {
        const r = ev.target.getBoundingClientRect();
        showCard(card, marksAround(ev.target, root), r.left + window.scrollX, r.bottom + window.scrollY);
      });
    }
    root.addEventListener("click", (ev) => {
      for (const kind of MARK_KINDS) {
        const m = ev.target.closest(".m-" + kind);
        if (m && root.contains(m)) {
          highlight(m.dataset.key);
          return;
        }
      }
    });
    root.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && ev.target.dataset && ev.target.dataset.key) {
        highlight(ev.target.dataset.key);
      }
    });
  }

  function setup() {
    const root = document.querySelector(".article-text");
    if (root) setupArticle(root);
    for (const b of document.querySelectorAll(".entity-button")) {
      b.addEventListener("click", () => highlight(b.dataset.key));
    }
    for (const box of document.querySelectorAll(".legend input[data-kind]")) {
      box.addEventListener("change", () => {
        if (root) root.classList.toggle("hide-" + box.dataset.kind, !box.checked);
      });
    }
    const ev = document.getElementById("evidence");
    if (ev) ev.scrollIntoView({ block: "center" });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
