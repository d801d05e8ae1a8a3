// Angular's polyfills bundle (zone.js): patches the event APIs before the app starts.
window.__zoneLoaded = true;
