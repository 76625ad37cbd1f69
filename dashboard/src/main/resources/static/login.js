// A file of its own, not inline: the Content-Security-Policy allows scripts from the dashboard only.
if (location.search.includes("failed")) document.getElementById("failed").hidden = false;
