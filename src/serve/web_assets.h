// The web UI's files (src/serve/web), compiled into the binary by
// cmake/embed_files.cmake so `rashomon serve` and the HTML report need no
// files at run time. Immutable static data; safe from any thread.
#pragma once

#include <string_view>
#include <vector>

namespace rashomon::serve {

struct WebAsset {
  const char* path;       // relative to src/serve/web: "index.html", "app.js", "style.css"
  std::string_view data;  // file contents
};

const std::vector<WebAsset>& WebAssets();

// The asset with exactly this name, or null.
const WebAsset* FindWebAsset(std::string_view name);

}  // namespace rashomon::serve
