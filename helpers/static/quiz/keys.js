/* The kit's quiz in JupyterLab, for keyboard and screen-reader users (helpers/quiz_widgets.py).
 *
 * JupyterLab's command-mode shortcuts (a, b, d d, m, y, arrows, Shift+Enter...) fire whenever focus
 * is in a notebook and not in an editable element: on a quiz's radio, check box, drop-down or button
 * they added, changed or deleted cells, and arrows left the question. Lumino skips every shortcut
 * for a key pressed on an element with the attribute data-lm-suppress-shortcuts; ipywidgets sets no
 * attributes of its own, so this script sets it on a quiz control as a key is pressed there. Keys
 * with Ctrl, Alt or Cmd (save, the command palette) still reach JupyterLab, except with Enter (run).
 *
 * It also names what ipywidgets leaves unnamed: each question is a group labelled by its text, and
 * every control's name ends with the question (an option, a box's label or a drop-down's, then the
 * question), so a screen reader that lands on a control says what it answers; its radio buttons are
 * one radio group (arrow keys move between them, not to another question), the True and False
 * buttons say which is pressed; after "Try again" focus goes back to the answer, and after "Submit
 * all" (which disables every control) to the line that says what was submitted. The quiz
 * says its language (class kit-lang-id: lang="id"), so that the Indonesian edition's questions,
 * options and feedback are read as Indonesian in a page that JupyterLab marks as English.
 * Installed once per page; it only reads and marks the quiz's own elements.
 */
(function () {
  "use strict";
  if (window.__kitQuizKeys) return;
  window.__kitQuizKeys = true;
  var QUIZ = ".kit-quiz", SUPPRESS = "data-lm-suppress-shortcuts", count = 0, pending = false;

  function id(el, stem) {
    if (!el.id) el.id = "kit-" + stem + "-" + ++count;
    return el.id;
  }

  function mark() {
    pending = false;
    document.querySelectorAll(QUIZ).forEach(function (quiz) {
      var lang = /(?:^| )kit-lang-([a-z]+)/.exec(quiz.className);
      if (lang && quiz.getAttribute("lang") !== lang[1]) quiz.setAttribute("lang", lang[1]);
    });
    document.querySelectorAll(".kit-question").forEach(function (box) {
      var prompt = box.querySelector(".kit-prompt .widget-html-content");
      if (!prompt) return;
      if (box.getAttribute("role") !== "group") {
        box.setAttribute("role", "group");
        box.setAttribute("aria-labelledby", id(prompt, "q"));
      }
      box.querySelectorAll(".widget-radio-box label, .widget-checkbox, .widget-toggle-button, .widget-text, " +
                          ".widget-dropdown").forEach(function (part) {
        var control = part.matches("button") ? part : part.querySelector("input, select");
        var own = part.matches("label, button") ? part : (part.querySelector(".widget-label-basic span") || part.querySelector(".widget-label"));
        var name = (own ? id(own, "n") + " " : "") + prompt.id;
        if (control && control.getAttribute("aria-labelledby") !== name) control.setAttribute("aria-labelledby", name);
      });
      box.querySelectorAll(".widget-radio-box").forEach(function (radios) {
        var label = radios.parentNode.querySelector(":scope > .widget-label"), name = id(radios, "r");
        radios.setAttribute("role", "radiogroup");
        if (label) radios.setAttribute("aria-labelledby", id(label, "l"));
        radios.querySelectorAll("input[type=radio]").forEach(function (r) { if (r.name !== name) r.name = name; });
      });
      box.querySelectorAll(".widget-toggle-buttons").forEach(function (toggles) {
        var label = toggles.querySelector(":scope > .widget-label"), group = label && label.nextElementSibling;
        if (group && group.getAttribute("role") !== "group") {
          group.setAttribute("role", "group");
          group.setAttribute("aria-labelledby", id(label, "l"));
        }
        toggles.querySelectorAll("button").forEach(function (b) {
          var pressed = b.classList.contains("mod-active") ? "true" : "false";
          if (b.getAttribute("aria-pressed") !== pressed) b.setAttribute("aria-pressed", pressed);
        });
      });
    });
  }

  function later() {
    if (!pending) { pending = true; window.requestAnimationFrame(mark); }
  }

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.closest(QUIZ)) return;
    var command = (event.ctrlKey || event.altKey || event.metaKey) && event.key !== "Enter";
    if (command) el.removeAttribute(SUPPRESS);
    else el.setAttribute(SUPPRESS, "");
  }, true);

  document.addEventListener("click", function (event) {
    var again = event.target instanceof Element && event.target.closest(".kit-again");
    var box = again && again.closest(".kit-question");
    if (!box) return;
    var to = box.querySelector(".widget-radio-box input:checked, .widget-toggle-button.mod-active") ||
      box.querySelector("input:not([disabled]), select:not([disabled]), .widget-toggle-button:not([disabled])");
    if (to) to.focus();
  }, true);

  // "Submit all" disables every control of the exam, the focused button too: its outcome takes the focus
  document.addEventListener("click", function (event) {
    var submit = event.target instanceof Element && event.target.closest(".kit-submit");
    var outcome = submit && submit.parentNode.querySelector(".kit-outcome");
    if (!outcome) return;
    var wait = new MutationObserver(function () {
      var line = outcome.querySelector("[tabindex]");
      if (line) { wait.disconnect(); line.focus(); }
    });
    wait.observe(outcome, {childList: true, subtree: true});
  }, true);

  new MutationObserver(later).observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["class"]
  });
  mark();
})();
