#include "src/locations.hpp"

namespace citecheck {

namespace {

const LineOrigin* origin_of(const std::vector<LineOrigin>& origins, int line) {
  if (line < 1 || static_cast<std::size_t>(line) > origins.size()) return nullptr;
  return &origins[static_cast<std::size_t>(line) - 1];
}

}  // namespace

MessageText place_text(const std::vector<LineOrigin>& origins, int line) {
  const LineOrigin* o = origin_of(origins, line);
  if (!o) return say("place.line", {std::to_string(line)});
  if (o->page) return say("place.page-line", {std::to_string(o->page), std::to_string(o->page_line)});
  if (o->note) return say(o->endnote ? "place.endnote" : "place.footnote", {std::to_string(o->note)});
  if (o->paragraph) return "\xC2\xB6" + std::to_string(o->paragraph);
  if (!o->xpath.empty()) return o->xpath;
  if (o->source_line) return say("place.line", {std::to_string(o->source_line)});
  if (!o->record.empty()) return say("place.record", {o->record});
  return say("place.line", {std::to_string(line)});
}

std::string place(const std::vector<LineOrigin>& origins, int line) { return in_english(place_text(origins, line)); }

std::string location_prefix(const std::string& path, const std::vector<LineOrigin>& origins, int line, int column) {
  const LineOrigin* o = origin_of(origins, line);
  if (!o) return path + ":" + std::to_string(line) + ":" + std::to_string(column);
  if (o->page) return path + ":p" + std::to_string(o->page) + ":" + std::to_string(o->page_line);
  if (o->note) return path + (o->endnote ? ":en" : ":fn") + std::to_string(o->note);
  if (o->paragraph) return path + ":\xC2\xB6" + std::to_string(o->paragraph);
  if (!o->xpath.empty()) return path + ":" + o->xpath;
  if (o->source_line) return path + ":" + std::to_string(o->source_line);
  if (!o->record.empty()) return path + ":" + o->record;
  return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

void add_location_fields(nlohmann::json& item, const std::vector<LineOrigin>& origins, int line) {
  const LineOrigin* o = origin_of(origins, line);
  if (!o) return;
  if (o->paragraph) item["paragraph"] = o->paragraph;
  if (o->note) item["note"] = o->note;
  if (o->endnote) item["endnote"] = true;
  if (o->page) {
    item["page"] = o->page;
    item["page_line"] = o->page_line;
  }
  if (!o->xpath.empty()) item["xpath"] = o->xpath;
  if (!o->record.empty()) item["record"] = o->record;
  if (o->source_line) item["source_line"] = o->source_line;
}

void add_location_fields(JsonObjectWriter& item, const std::vector<LineOrigin>& origins, int line) {
  const LineOrigin* o = origin_of(origins, line);
  if (!o) return;
  if (o->paragraph) item.integer("paragraph", o->paragraph);
  if (o->note) item.integer("note", o->note);
  if (o->endnote) item.boolean("endnote", true);
  if (o->page) {
    item.integer("page", o->page);
    item.integer("page_line", o->page_line);
  }
  if (!o->xpath.empty()) item.string("xpath", o->xpath);
  if (!o->record.empty()) item.string("record", o->record);
  if (o->source_line) item.integer("source_line", o->source_line);
}

}  // namespace citecheck
