// No front matter: copied as it is, {{ not rendered }}.
console.log("static");
