// Suggest actors while typing in the search box (the API answers any spelling, both scripts).
// Progressive: without JavaScript the box still submits to the search page.
document.addEventListener("DOMContentLoaded", () => {
  const input = document.querySelector("input[data-suggest-url]");
  const list = document.getElementById(input?.getAttribute("list") || "");
  if (!input || !list) return;
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const query = input.value.trim();
    if (query.length < 2) return;
    timer = setTimeout(async () => {
      const url = `${input.dataset.suggestUrl}?q=${encodeURIComponent(query)}`;
      try {
        const answer = await fetch(url, { headers: { Accept: "application/json" } });
        if (!answer.ok) return;
        const { results } = await answer.json();
        list.replaceChildren(...results.slice(0, 8).map((actor) => {
          const option = document.createElement("option");
          option.value = actor.name;
          option.label = actor.name_latin ? `${actor.name} — ${actor.name_latin}` : actor.name;
          return option;
        }));
      } catch (error) {
        // Suggestions are a convenience: the search itself still works.
      }
    }, 200);
  });
});
