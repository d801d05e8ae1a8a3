// What Angular and Ionic (Stencil web components) do at start that a Content-Security-Policy can refuse:
// a custom element with a shadow root and its own <style>, a constructable stylesheet, and style
// attributes set by script. Then it reports what rendered.
const sheet = new CSSStyleSheet();
sheet.replaceSync(':host { margin-top: 5px; }');

class PostForm extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    const style = document.createElement('style');
    style.textContent = 'form { display: grid; gap: 8px; } button { color: rgb(255, 255, 255); }';
    root.appendChild(style);
    const form = document.createElement('form');
    const title = document.createElement('input');
    title.name = 'title';
    title.placeholder = 'Titre de votre fail';
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.textContent = 'Publier';
    form.append(title, submit);
    root.appendChild(form);
    // Ionic sets inline styles through attributes (animations, safe areas); Angular's [style] bindings too.
    submit.setAttribute('style', 'background-color: rgb(56, 128, 255); padding: 6px 12px');
    this.setAttribute('style', 'padding-left: 7px');
  }
}
customElements.define('fd-post-form', PostForm);

const app = document.querySelector('app-root');
app.setAttribute('ng-version', '20.0.0');
const heading = document.createElement('h1');
heading.textContent = 'Nouveau fail';
app.append(heading, document.createElement('fd-post-form'));
document.body.dataset.booted = 'true';
