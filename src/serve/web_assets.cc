#include "serve/web_assets.h"

namespace rashomon::serve {

const WebAsset* FindWebAsset(std::string_view name) {
  for (const WebAsset& a : WebAssets()) {
    if (name == a.path) return &a;
  }
  return nullptr;
}

}  // namespace rashomon::serve
