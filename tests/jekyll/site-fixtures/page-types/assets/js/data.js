---
layout: null
---
window.RELAY = { title: {{ site.title | jsonify }}, base: {{ site.baseurl | jsonify }}, posts: {{ site.posts | size }} };
