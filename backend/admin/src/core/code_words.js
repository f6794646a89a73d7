// One kind of the API's codes (a bike's status, a work order's) as the screens show it, from a
// single table, so the list of codes and the word for each cannot drift apart.

/// `words` maps each code to its word, in the order the screens list the codes; `colours` maps codes
/// to tag colours. A code the tables do not know shows as itself, in a grey tag.
export function codeWords(words, colours = {}) {
  return {
    codes: Object.keys(words),
    word: (code) => words[code] || code,
    colour: (code) => colours[code] || 'grey',
  };
}
