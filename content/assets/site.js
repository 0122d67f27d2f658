// Enhancements for the docs pages. Every page reads fine without this file; each part below
// only adds to markup that already works: theme toggle, copy buttons, the menu and table of
// contents on small screens, the current step in the table of contents, search, and printing.

const root = document.documentElement;
const liveStatus = document.getElementById("live-status");

/** Says `message` to screen readers through the page's one polite live region. */
function announce(message) {
  if (!liveStatus) return;
  // Clearing first makes a repeated message ("Copied") be announced again.
  liveStatus.textContent = "";
  window.setTimeout(() => {
    liveStatus.textContent = message;
  }, 50);
}

// ---------------------------------------------------------------------------------------------
// Theme: the system setting unless the reader chose one; the choice is kept in localStorage
// (theme.js applies it before the first paint).
const darkQuery = window.matchMedia("(prefers-color-scheme: dark)");
const themeToggle = document.querySelector(".theme-toggle");

function currentTheme() {
  return root.getAttribute("data-theme") || (darkQuery.matches ? "dark" : "light");
}

function showTheme() {
  themeToggle?.setAttribute("aria-pressed", String(currentTheme() === "dark"));
}

if (themeToggle) {
  themeToggle.hidden = false;
  showTheme();
  themeToggle.addEventListener("click", () => {
    const theme = currentTheme() === "dark" ? "light" : "dark";
    root.setAttribute("data-theme", theme);
    try {
      localStorage.setItem("theme", theme);
    } catch {
      // Not kept across pages, but applied to this one.
    }
    showTheme();
  });
  darkQuery.addEventListener("change", showTheme);
}

// ---------------------------------------------------------------------------------------------
// Copy buttons. Hooks for includes that offer something to copy:
//   - every <pre> gets a "Copy" button that copies its text exactly as shown;
//   - a <button data-copy-target="ID"> (an id, or any CSS selector) copies that element: its
//     data-copy-text attribute if it has one, the text of its <li> items one per line if it is a
//     list, else its text; a <button data-copy-text="..."> copies that text. Give such buttons
//     `hidden`: they are revealed here, since they can't work without JavaScript. The region IP
//     lists (_includes/shared/stitch-ip-addresses.html) use this;
//   - a <button data-copy-page="URL"> ("Copy page as Markdown", _includes/site/copy-page.html)
//     copies the file at URL, fetched from this site: the page's Markdown copy.
// Each result ("Copied", "Copy failed") is shown on the button and announced to screen readers.

function textOfTarget(target) {
  if (target.hasAttribute("data-copy-text")) return target.getAttribute("data-copy-text");
  if (target.matches("ul, ol")) {
    return [...target.querySelectorAll(":scope > li")].map((item) => item.textContent.trim()).join("\n");
  }
  return target.textContent.trim();
}

function copyTarget(reference) {
  if (!reference) return null;
  const byId = document.getElementById(reference);
  if (byId) return byId;
  try {
    return document.querySelector(reference);
  } catch {
    return null; // neither an id nor a valid selector
  }
}

function textToCopy(button) {
  if (button.hasAttribute("data-copy-text")) return button.getAttribute("data-copy-text");
  const target = copyTarget(button.getAttribute("data-copy-target"));
  if (target) return textOfTarget(target);
  const code = button.closest(".code-block")?.querySelector("pre");
  // A code block's text without the newline that ends every block.
  return code ? code.textContent.replace(/\n$/, "") : "";
}

async function writeClipboard(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain-http pages have no Clipboard API: copy through a selected, off-screen text area.
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "visually-hidden";
  document.body.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

async function fetchText(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

/**
 * A file's text onto the clipboard. The clipboard is given an item at once, while the click still
 * counts as the reader's (Safari refuses a write that comes after a fetch), which the file fills
 * when it arrives; where that is not supported, the text is written once fetched.
 */
async function copyFile(url) {
  const text = fetchText(url);
  if (window.isSecureContext && navigator.clipboard?.write && typeof ClipboardItem === "function") {
    try {
      const blob = text.then((value) => new Blob([value], { type: "text/plain" }));
      return await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    } catch {
      // Fall through to writing the text.
    }
  }
  return writeClipboard(await text);
}

async function copyFrom(button) {
  const label = button.querySelector(".copy-label") ?? button;
  const original = button.dataset.copyLabel ?? label.textContent;
  button.dataset.copyLabel = original;
  let result;
  try {
    await (button.dataset.copyPage ? copyFile(button.dataset.copyPage) : writeClipboard(textToCopy(button)));
    result = "Copied";
    announce("Copied to clipboard");
  } catch {
    result = "Copy failed";
    announce("Copy failed: select the text and copy it yourself");
  }
  label.textContent = result;
  button.classList.toggle("is-copied", result === "Copied");
  window.clearTimeout(button.copyTimer);
  button.copyTimer = window.setTimeout(() => {
    label.textContent = original;
    button.classList.remove("is-copied");
  }, 2000);
}

const LANGUAGE_NAMES = { plaintext: "", shell: "Shell", bash: "Shell", sh: "Shell", sql: "SQL", yaml: "YAML", yml: "YAML", json: "JSON", ini: "INI" };

function addCodeToolbar(pre) {
  if (pre.closest(".code-block")) return;
  const wrapper = document.createElement("div");
  wrapper.className = "code-block";
  const toolbar = document.createElement("div");
  toolbar.className = "code-toolbar";
  // highlight.js's markup names the language on the code; Rouge's (a Jekyll site) on the wrapper around the pre.
  const languageClass = pre.querySelector('code[class*="language-"]')?.className ?? pre.closest('[class*="language-"]')?.className ?? "";
  const language = /language-([\w-]+)/.exec(languageClass)?.[1];
  const name = document.createElement("span");
  name.className = "code-language";
  name.textContent = language ? (LANGUAGE_NAMES[language] ?? language) : "";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "copy-button";
  button.innerHTML =
    '<svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 24 24"><rect x="9" y="9" width="11" height="11" rx="2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8" fill="none" stroke="currentColor" stroke-width="2"/></svg>' +
    '<span class="copy-label">Copy</span><span class="visually-hidden"> code</span>';
  toolbar.append(name, button);
  pre.replaceWith(wrapper);
  wrapper.append(toolbar, pre);
  // Keyboard users can scroll a wide block with the arrow keys once it has focus.
  if (pre.scrollWidth > pre.clientWidth) pre.tabIndex = 0;
}

document.querySelectorAll("main pre").forEach(addCodeToolbar);
document.querySelectorAll("button[data-copy-target][hidden], button[data-copy-text][hidden], button[data-copy-page][hidden]").forEach((button) => {
  button.hidden = false;
});
document.addEventListener("click", (event) => {
  const button = event.target.closest?.(".copy-button, button[data-copy-target], button[data-copy-text], button[data-copy-page]");
  if (button) copyFrom(button);
});

// ---------------------------------------------------------------------------------------------
// Small screens: the sidebar and the table of contents fold behind buttons. The CSS shows both
// unfolded when JavaScript is off (html without the "js" class).

function foldable(button, panel, onChange) {
  if (!button || !panel) return;
  button.hidden = false;
  const set = (open) => {
    button.setAttribute("aria-expanded", String(open));
    panel.classList.toggle("is-open", open);
    onChange?.(open);
  };
  button.addEventListener("click", () => set(button.getAttribute("aria-expanded") !== "true"));
  return set;
}

const menuButton = document.querySelector(".menu-toggle");
const sidebar = document.getElementById("site-nav");
const setMenu = foldable(menuButton, sidebar, (open) => root.classList.toggle("menu-open", open));
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && menuButton?.getAttribute("aria-expanded") === "true") {
    setMenu?.(false);
    menuButton.focus();
  }
});

const toc = document.querySelector("[data-toc]");
const setToc = foldable(toc?.querySelector(".toc-toggle"), toc);
// Following a link in the folded contents closes it again, out of the reader's way.
toc?.addEventListener("click", (event) => {
  if (event.target.closest("a") && toc.classList.contains("is-open")) setToc?.(false);
});

// ---------------------------------------------------------------------------------------------
// The step being read: the last heading that has scrolled above a line just below the header.

if (toc) {
  const links = [...toc.querySelectorAll('a[href^="#"]')];
  const entries = links.map((link) => ({ link, heading: document.getElementById(decodeURIComponent(link.hash.slice(1))) })).filter((entry) => entry.heading);
  let current = null;
  const update = () => {
    // Just below the sticky header (html's scroll-padding-top puts a followed anchor there).
    const line = (parseFloat(getComputedStyle(root).scrollPaddingTop) || 0) + 24;
    let active = entries[0];
    for (const entry of entries) {
      if (entry.heading.getBoundingClientRect().top <= line) active = entry;
      else break;
    }
    // At the very bottom, the last heading may never reach the line: it is the one being read.
    if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) active = entries[entries.length - 1];
    if (!active || active === current) return;
    current?.link.removeAttribute("aria-current");
    active.link.setAttribute("aria-current", "true");
    current = active;
  };
  let scheduled = false;
  window.addEventListener(
    "scroll",
    () => {
      if (scheduled) return;
      scheduled = true;
      window.requestAnimationFrame(() => {
        scheduled = false;
        update();
      });
    },
    { passive: true },
  );
  window.addEventListener("hashchange", update);
  update();
}

// ---------------------------------------------------------------------------------------------
// Search with Pagefind: its index and code are loaded the first time the reader searches. The
// header shows the top results as they type; Enter opens the search page with all of them.

let pagefindModule;
function pagefind() {
  pagefindModule ??= import(new URL("../pagefind/pagefind.js", import.meta.url).href).then(async (module) => {
    // The index holds each page's full path (`/docs/...`), so no base URL is put in front.
    await module.options({ baseUrl: "/", excerptLength: 24 });
    return module;
  });
  return pagefindModule;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Results as links: the page, then the sections of it that matched (each to its anchor). */
function renderResults(list, results, sectionsPerPage) {
  list.innerHTML = results
    .map((result) => {
      const sections = (result.sub_results ?? []).filter((sub) => sub.url !== result.url).slice(0, sectionsPerPage);
      const sectionItems = sections
        .map(
          (sub) =>
            `<li><a href="${escapeHtml(sub.url)}"><span class="result-title">${escapeHtml(sub.title)}</span><span class="result-excerpt">${sub.excerpt}</span></a></li>`,
        )
        .join("");
      return `<li class="search-result"><a class="result-page" href="${escapeHtml(result.url)}"><span class="result-title">${escapeHtml(result.meta?.title ?? result.url)}</span>${sections.length === 0 ? `<span class="result-excerpt">${result.excerpt}</span>` : ""}</a>${sectionItems ? `<ul>${sectionItems}</ul>` : ""}</li>`;
    })
    .join("");
}

async function runSearch(query, limit) {
  const module = await pagefind();
  const search = await module.debouncedSearch(query, {}, 150);
  if (search === null) return null; // a newer query replaced this one
  const results = await Promise.all(search.results.slice(0, limit).map((result) => result.data()));
  return { total: search.results.length, results };
}

const countText = (total, query) => (total === 0 ? `No results for “${query}”` : `${total} ${total === 1 ? "page matches" : "pages match"} “${query}”`);

const searchForm = document.querySelector("[data-search]");
const searchInput = searchForm?.querySelector("input[type=search]");
const searchPanel = searchForm?.querySelector(".search-results");

if (searchForm && searchInput && searchPanel) {
  const close = () => {
    searchPanel.hidden = true;
  };
  searchInput.addEventListener("focus", () => pagefind().catch(() => {}), { once: true });
  searchInput.addEventListener("input", async () => {
    const query = searchInput.value.trim();
    if (query === "") return close();
    let found;
    try {
      found = await runSearch(query, 6);
    } catch {
      searchPanel.innerHTML = '<p class="search-status">Search is unavailable right now.</p>';
      searchPanel.hidden = false;
      return;
    }
    if (!found || searchInput.value.trim() !== query) return;
    searchPanel.innerHTML = `<p class="search-status">${escapeHtml(countText(found.total, query))}</p><ol class="search-result-list"></ol>`;
    renderResults(searchPanel.querySelector("ol"), found.results, 3);
    searchPanel.hidden = false;
    announce(countText(found.total, query));
  });
  searchForm.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !searchPanel.hidden) {
      close();
      searchInput.focus();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !searchPanel.hidden) {
      moveInResults(event);
    }
  });
  document.addEventListener("click", (event) => {
    if (!searchForm.contains(event.target)) close();
  });
  searchForm.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !searchForm.contains(event.relatedTarget)) close();
  });
}

// Keyboard: ArrowDown from the box enters the results, the arrows move between them (focusing
// each link, so Enter follows it), ArrowUp from the first goes back to the box.
function moveInResults(event) {
  const links = [...searchPanel.querySelectorAll("a[href]")];
  if (links.length === 0) return;
  const at = links.indexOf(document.activeElement);
  const next = event.key === "ArrowDown" ? Math.min(at + 1, links.length - 1) : at - 1;
  event.preventDefault();
  (next < 0 ? searchInput : links[next]).focus();
}

// Shortcuts from anywhere on the page: `/`, and Ctrl+K (⌘K on macOS), focus the search box,
// except while the reader types in a field of their own.
const isMac = /Mac|iPhone|iPad/.test(navigator.userAgentData?.platform ?? navigator.platform ?? "");
const typingIn = (target) =>
  target instanceof Element && (target.closest("input, textarea, select, [contenteditable]:not([contenteditable=false])") !== null || target.isContentEditable);

if (searchInput) {
  const hint = searchForm.querySelector(".search-hint");
  if (hint) {
    hint.innerHTML = `<kbd>/</kbd> <kbd>${isMac ? "⌘" : "Ctrl"}</kbd><kbd>K</kbd>`;
    hint.hidden = false;
  }
  searchInput.setAttribute("aria-keyshortcuts", isMac ? "/ Meta+K" : "/ Control+K");
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing || event.altKey || typingIn(event.target)) return;
    const slash = event.key === "/" && !event.ctrlKey && !event.metaKey;
    const commandK = event.key.toLowerCase() === "k" && (isMac ? event.metaKey : event.ctrlKey) && !event.shiftKey;
    if (!slash && !commandK) return;
    event.preventDefault();
    searchInput.focus();
    searchInput.select();
  });
}

const searchPage = document.querySelector("[data-search-page]");
if (searchPage) {
  const query = new URLSearchParams(window.location.search).get("q")?.trim() ?? "";
  const status = searchPage.querySelector(".search-page-status");
  const list = searchPage.querySelector(".search-page-results");
  if (searchInput) searchInput.value = query;
  if (query !== "") {
    status.textContent = "Searching…";
    runSearch(query, 50)
      .then((found) => {
        if (!found) return;
        status.textContent = countText(found.total, query);
        renderResults(list, found.results, 5);
      })
      .catch(() => {
        status.textContent = "Search is unavailable right now.";
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Printing: every disclosure prints open (the print stylesheet does the rest), then goes back.

let openedForPrint = [];
window.addEventListener("beforeprint", () => {
  openedForPrint = [...document.querySelectorAll("details:not([open])")];
  openedForPrint.forEach((details) => (details.open = true));
});
window.addEventListener("afterprint", () => {
  openedForPrint.forEach((details) => (details.open = false));
  openedForPrint = [];
});
