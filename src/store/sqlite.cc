#include "store/sqlite.h"

namespace rashomon::store {

Status Connection::Error(int rc, std::string_view what) const {
  const std::string file(path);
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy(file + ": database is locked by another process (gave up after " +
                          std::to_string(busy_timeout_ms) + " ms)");
    case SQLITE_FULL:
      return Status::IoError(file + ": database or disk is full while " + std::string(what));
    case SQLITE_NOTADB:
      return Status::InvalidInput(file + ": not a rashomon database (not an SQLite file)");
    case SQLITE_READONLY:
      return Status::IoError(file + ": database is read-only: cannot write while " +
                             std::string(what));
    case SQLITE_CANTOPEN:
      return Status::IoError(file + ": cannot open database: " + detail);
    case SQLITE_CORRUPT:
      return Status::Corruption(file + ": database is corrupt: " + detail);
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Status::IoError(file + ": permission denied while " + std::string(what));
    default:
      return Status::IoError(file + ": " + std::string(what) + ": " + detail);
  }
}

Status Connection::Exec(const char* sql, std::string_view what) const {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Error(rc, what);
}

Result<int64_t> Connection::QueryInt(const char* sql, std::string_view what) const {
  Stmt s(db, sql);
  if (s.prepare_rc() != SQLITE_OK) return Error(s.prepare_rc(), what);
  int rc = s.Step();
  if (rc != SQLITE_ROW) return Error(rc, what);
  return s.Int(0);
}

Status Connection::Step(Stmt& s, std::string_view what) const {
  if (s.prepare_rc() != SQLITE_OK) return Error(s.prepare_rc(), what);
  int rc = s.Step();
  s.Reset();
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? Status::Ok() : Error(rc, what);
}

}  // namespace rashomon::store
