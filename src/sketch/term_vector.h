// Term bags and TF-IDF vectors: the document representation behind story
// similarity.
//
// A TermBag counts a document's content terms with field weights: title
// words and the lede count more than the tail, and proper names (capitalised
// words inside sentences, acronyms) count more than common words, because
// the names, places and dates are what tell one event from another event of
// the same kind. A TfIdf model turns bags into L2-normalised sparse vectors;
// cosine similarity is then a dot product.
#pragma once

#include <cmath>

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/document.h"

namespace rashomon {

struct TermOptions {
  float title_weight = 2.0f;  // each title word counts this much
  float lede_weight = 2.5f;   // words of the first lede_sentences sentences
  int lede_sentences = 3;
  float name_weight = 3.0f;   // proper names and acronyms, multiplied in
  float number_weight = 1.0f; // years
  float count_weight = 0.0f;  // other numbers (amounts, counts, magnitudes)
  // Words of the URL path ("/2014/03/fed-plosser-taper-weather.html"): many
  // sites put the headline there, which doubles what a headline-only
  // article says.
  float url_weight = 1.0f;
  // Words of articles in another language that its bilingual dictionary
  // knows (text/translate.h) count as their English translations instead,
  // all of a word's translations together weighing this much: reports of
  // one event in two languages then share terms. Below 1 because a
  // dictionary's first senses are often not the one meant, while names,
  // numbers and untranslated words carry over exactly: on the pooled
  // MEANTIME set (480 articles in four languages) B-cubed F1 is 0.887 at
  // 1, 0.905 at 0.5 and 0.899 at 0.25. English articles are untouched.
  // 0 disables.
  float pivot_weight = 0.5f;
  // A word in Arabic or Hebrew letters whose consonant skeleton spells a
  // name that the corpus's articles in a cased script write (four consonant
  // classes or more, text/abjad.h; an abjad writes a foreign name's
  // consonants and few of its vowels) also counts under that name's key,
  // this much of a name's weight (BridgeCaselessNames): reports of one
  // event in Arabic or Hebrew and in English share their names. Articles in
  // cased scripts are untouched. 0 disables.
  float abjad_name_weight = 1.0f;
};

// Sorted by key, keys unique.
struct TermBag {
  std::vector<std::pair<uint64_t, float>> terms;
  // Until BridgeCaselessNames: (skeleton key, name key) of each name in a
  // cased script, and (skeleton key, weight) of the Arabic or Hebrew words,
  // sorted.
  std::vector<std::pair<uint64_t, uint64_t>> name_bridges;
  std::vector<std::pair<uint64_t, float>> caseless_bridges;
};

// All content terms; when `names` is given it also receives the proper-name
// terms alone (same keys and weights), the basis of the name similarity.
TermBag BuildTermBag(const Document& doc, const TermOptions& options = {}, TermBag* names = nullptr);

// Adds to each bag with Arabic or Hebrew words the name keys their
// skeletons spell among the names of all `bags`, then clears the bridges
// of every bag. A skeleton several names share spells the one that at
// least twice as many articles write as any other (DominantName), else
// none. Bags of a corpus without such words keep their terms.
void BridgeCaselessNames(std::vector<TermBag>* bags);
// Of (name key, articles writing it) pairs of one skeleton: the name whose
// articles are at least twice every other's; 0 when none is.
uint64_t DominantName(const std::vector<std::pair<uint64_t, int64_t>>& names);
// The same with the names given by `name_of` (skeleton key -> name key, 0
// for none): a store's names of earlier ingests as well as the batch's.
void SpellCaselessNames(const std::function<uint64_t(uint64_t)>& name_of, std::vector<TermBag>* bags);

// The words of a URL's path slug, lower-cased and space-separated: the host,
// numbers, ids and file extensions dropped.
std::string UrlSlugWords(std::string_view url);

struct SparseVector {
  std::vector<uint32_t> ids;  // ascending
  std::vector<float> values;
  float Dot(const SparseVector& other) const;
  size_t size() const { return ids.size(); }
};

// Sublinear term frequency: 1 + ln tf, or tf itself below 1 (fractional
// weights of folded items).
inline float SublinearTf(float tf) { return tf < 1.0f ? tf : 1.0f + std::log(tf); }

// Document frequencies and the vocabulary. Not thread-safe while adding;
// Transform() is const and safe from many threads once adding is done.
class TfIdf {
 public:
  // background_docs: a prior of that many documents in which no term
  // occurs. It keeps idf meaningful in small corpora (five articles on one
  // event would otherwise give every shared word the lowest idf) and fades
  // as the corpus grows past it.
  explicit TfIdf(float background_docs = 0) : background_(background_docs) {}
  void AddDocument(const TermBag& bag);
  // For a model whose statistics are kept elsewhere (the store keeps
  // document frequencies in its database): sets the document count, and one
  // term's document frequency, giving the term an id if it has none.
  void SetDocuments(uint32_t documents) { documents_ = documents; }
  void SetDocumentFrequency(uint64_t key, uint32_t df);
  // Sublinear tf (1 + ln tf) times smoothed idf, L2-normalised. Terms never
  // added are dropped.
  SparseVector Transform(const TermBag& bag) const;
  uint32_t documents() const { return documents_; }
  uint32_t DocumentFrequency(uint64_t key) const;
  float Idf(uint32_t df) const;

 private:
  struct Entry {
    uint32_t id;
    uint32_t df;
  };
  std::unordered_map<uint64_t, Entry> vocab_;
  uint32_t documents_ = 0;
  float background_ = 0;
};

}  // namespace rashomon
