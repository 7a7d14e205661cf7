#include "store/text_search.h"

#include "text/search_words.h"

namespace rashomon::store {

const char kTextSearchSchemaStep[] =
    "CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='articles', content_rowid='seq',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO article_search(article_search) VALUES('rebuild');"
    "CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN"
    "  INSERT INTO article_search(rowid, title, text) VALUES(new.seq, new.title, new.text);"
    " END;"
    "CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN"
    "  INSERT INTO article_search(article_search, rowid, title, text) VALUES('delete', old.seq, old.title, old.text);"
    " END;"
    "CREATE TRIGGER article_search_update AFTER UPDATE OF title, text ON articles BEGIN"
    "  INSERT INTO article_search(article_search, rowid, title, text) VALUES('delete', old.seq, old.title, old.text);"
    "  INSERT INTO article_search(rowid, title, text) VALUES(new.seq, new.title, new.text);"
    " END;";

std::string TextSearchMatch(std::string_view query) {
  std::string match;
  // Words hold only letters, digits and marks, so quoting cannot be broken
  // out of; a repeated '"' would still be escaped as FTS5 wants.
  ForEachSearchWord(query, [&match](std::string_view word) {
    if (!match.empty()) match += ' ';
    match += '"';
    for (char c : word) {
      if (c == '"') match += '"';
      match += c;
    }
    match += '"';
  });
  return match;
}

std::string StoryHasTextCondition(int param) {
  return "s.id IN (SELECT a.story FROM article_search f JOIN articles a ON a.seq = f.rowid"
         " WHERE article_search MATCH ?" +
         std::to_string(param) + ")";
}

}  // namespace rashomon::store
