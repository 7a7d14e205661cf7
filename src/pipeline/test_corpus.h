// Test only: small invented articles: a river flood and a flash flood in two
// invented towns (two stories of one kind of event: one topic) and a cat
// show, each reported by two outlets, in the order f1 c1 g1 f2 c2 g2.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "ingest/article.h"

namespace rashomon::testing {

inline Article Invented(std::string id, std::string source, std::string title, std::string text,
                        int64_t published) {
  Article a;
  a.id = std::move(id);
  a.source = std::move(source);
  a.title = std::move(title);
  a.text = std::move(text);
  a.published = published;
  return a;
}

inline std::vector<Article> TwoFloodsAndACatShow() {
  return {
      Invented("f1", "Varnel Post", "Floods force 3,000 from homes in Oskarsby",
               "Floodwaters rose along the Varnel river on Monday, forcing the evacuation of 3,000 "
               "residents from low-lying districts of Oskarsby.\n"
               "Emergency crews opened four shelters and governor Ruta Kelm declared a state of "
               "emergency after the river burst its banks.\n"
               "Forecasters expect more heavy rain on Tuesday.\n",
               1770000000),
      Invented("c1", "Pet Weekly", "Record entries at Peltonen cat show",
               "The annual cat show in Peltonen drew a record 900 entries on Saturday, organisers "
               "said.\n"
               "A long-haired breed from the north took the top prize for the third year running.\n"
               "Judges praised the grooming of the winning cat.\n",
               1770100000),
      Invented("g1", "Tarsk Herald", "Flash floods hit Brennmoor, two dead",
               "Flash flooding tore through the hill town of Brennmoor late on Thursday after a "
               "violent storm, sweeping cars off the coastal road and killing two drivers.\n"
               "Mayor Davor Ostrik said rescuers pulled eleven people from stranded vehicles.\n"
               "The storm dumped a month of rain in four hours, the weather office said.\n",
               1772000000),
      Invented("f2", "Northern Daily", "Oskarsby evacuates 3,000 as Varnel floods",
               "Some 3,000 residents of Oskarsby were evacuated on Monday as the Varnel river "
               "flooded low-lying districts.\n"
               "Governor Ruta Kelm declared a state of emergency and four shelters were opened by "
               "emergency crews.\n"
               "More rain is expected on Tuesday, forecasters said.\n",
               1770003600),
      Invented("c2", "Town Notes", "Peltonen cat show breaks entry record",
               "Organisers of the Peltonen cat show counted 900 entries on Saturday, a record.\n"
               "The top prize went to a long-haired northern breed for the third year running.\n",
               1770103600),
      Invented("g2", "Coast Courier", "Storm and flash flooding kill two in Brennmoor",
               "Two drivers died when flash flooding swept their cars off the coastal road near "
               "Brennmoor on Thursday night.\n"
               "Rescuers freed eleven people from stranded vehicles, Mayor Davor Ostrik said.\n"
               "A month of rain fell in four hours during the storm.\n",
               1772003600),
  };
}

}  // namespace rashomon::testing
