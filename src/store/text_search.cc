#include "store/text_search.h"

#include "text/search_words.h"

namespace rashomon::store {

const char kTextSearchSchemaStep[] =
    "CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='articles', content_rowid='seq',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "INSERT INTO article_search(article_search) VALUES('rebuild');"
    // A hit's story, read without the article's row: `story` lies past the
    // text, whose overflow pages a row read would walk (6x the CPU of a
    // common word's query at 3,000 articles).
    "CREATE INDEX article_story_by_seq ON articles(seq, story);"
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
  return "s.id IN (SELECT a.story FROM articles a INDEXED BY article_story_by_seq"
         " WHERE a.seq IN (SELECT rowid FROM article_search WHERE article_search MATCH ?" +
         std::to_string(param) + "))";
}

}  // namespace rashomon::store
