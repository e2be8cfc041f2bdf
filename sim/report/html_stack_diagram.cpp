// report.html's stack diagram: one column per stack, the workloads (or the remote target) that issue into it, each
// driver as a card with its role, queues, policies (targets, send options, mistakes) and its layer figures, the I/O
// targets between them, remote targets linking to the stacks they open, and the device with its settings and load.
// Built from the scenario document in the summary; without it, from the layer table alone.
#include "sim/report/html_parts.hpp"

#include "sim/report/replay_block.hpp"

namespace irpsim::report::html {

std::string policy_text(const std::string& key, const json& p) {
  const std::string action = text(p, "action");
  std::string out = "<b>" + esc(key) + "</b> &rarr; <span class=\"action\">" + esc(action) + "</span>";
  std::vector<std::string> parts;
  std::set<std::string> used{"action"};
  auto take = [&](const char* k) -> const json* {
    used.insert(k);
    return field(p, k);
  };
  if (const json* t = take("target"); t && value_text(*t) != "lower")
    parts.push_back("to " + value_text(*t));
  if (const json* t = take("targets"))
    parts.push_back((action == "route" ? "among " : "to ") + value_text(*t));
  if (const json* t = take("by"))
    parts.push_back("by " + value_text(*t));
  if (const json* t = take("stripe"))
    parts.push_back("stripe " + value_text(*t));
  if (const json* t = take("chunk"))
    parts.push_back("in chunks of " + value_text(*t));
  if (const json* t = take("order"))
    parts.push_back(value_text(*t));
  if (const json* t = take("mode"))
    parts.push_back(value_text(*t));
  if (const json* t = take("complete_on")) {
    if (t->is_object() && field(*t, "quorum"))
      parts.push_back("complete on a quorum of " + value_text((*t)["quorum"]));
    else
      parts.push_back("complete on " + value_text(*t));
  }
  if (const json* t = take("create"); t && t->is_boolean() && t->get<bool>())
    parts.push_back("driver-created copy");
  if (const json* t = take("rewrite"))
    parts.push_back("rewritten as " + value_text(*t));
  if (const json* t = take("delay"))
    parts.push_back("after " + value_text(*t));
  if (const json* t = take("status"))
    parts.push_back("with " + value_text(*t));
  if (const json* t = take("send"); t && t->is_object()) {
    std::vector<std::string> opts;
    for (const auto& item : t->items())
      if (item.value().is_boolean())
        opts.push_back(item.value().get<bool>() ? item.key() : "no " + item.key());
      else
        opts.push_back(item.key() + " " + value_text(item.value()));
    if (!opts.empty()) {
      std::string s = "send:";
      for (const std::string& o : opts)
        s += " " + o;
      parts.push_back(s);
    }
  }
  for (const auto& item : p.items())
    if (!used.count(item.key()) && item.key() != "mistake")
      parts.push_back(item.key() + " " + value_text(item.value()));
  for (const std::string& s : parts)
    out += ", " + esc(s);
  if (const json* m = field(p, "mistake"))
    out += " <span class=\"mistake\">mistake: " + esc(value_text(*m)) + "</span>";
  return out;
}

std::string queue_text(const json& q) {
  std::string s = text(q, "name");
  std::vector<std::string> parts;
  if (const json* d = field(q, "default"); d && d->is_boolean() && d->get<bool>())
    parts.push_back("default");
  if (const json* t = field(q, "types"))
    parts.push_back(value_text(*t));
  parts.push_back(field(q, "dispatch") ? value_text(q["dispatch"]) : "parallel");
  for (const char* k : {"max_presented", "retrieve_every", "max_retrieved"})
    if (const json* v = field(q, k))
      parts.push_back(std::string(k) + " " + value_text(*v));
  s += " (";
  for (std::size_t i = 0; i < parts.size(); ++i)
    s += (i ? ", " : "") + parts[i];
  return esc(s + ")");
}


std::string stack_anchor(const std::string& name) {
  std::string id = "stack-";
  for (char c : name)
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
  return id;
}

void render_driver_box(Page& page, const std::string& name, const json* row, const json* doc,
                       const std::vector<const json*>& remote_rows, const json& doc_targets) {
  const std::string role = row ? text(*row, "role") : doc ? text(*doc, "role") : "";
  page.html += "<div class=\"box driver role-" + esc(role) + "\"><div class=\"box-head\"><span class=\"name\">" +
               esc(name) + "</span><span class=\"badge\">" + esc(role.empty() ? "driver" : role) + "</span>";
  if (doc && !text(*doc, "host").empty())
    page.html += "<span class=\"host\">on " + esc(text(*doc, "host")) + "</span>";
  page.html += "</div>";
  if (doc) {
    const json& queues = array(*doc, "queues");
    if (!queues.empty()) {
      page.html += "<div class=\"queues\">queues: ";
      for (std::size_t i = 0; i < queues.size(); ++i)
        page.html += (i ? "; " : "") + queue_text(queues[i]);
      page.html += "</div>";
    }
    const json& policies = object(*doc, "policies");
    if (!policies.empty()) {
      page.html += "<ul class=\"policies\">";
      for (const auto& item : policies.items())
        page.html += "<li>" + policy_text(item.key(), item.value()) + "</li>";
      page.html += "</ul>";
    } else {
      page.html += "<div class=\"queues\">no policies: " +
                   std::string(role == "filter" ? "passes every request through" : "fails every request") + "</div>";
    }
    if (const json* cpu = field(*doc, "cpu"))
      page.html += "<div class=\"queues\">cpu: " + esc(value_text(*cpu)) + "</div>";
  }
  if (row) {
    page.html += "<div class=\"figures\">" + count_text(static_cast<double>(count(*row, "requests"))) + " requests";
    if (count(*row, "passed_through") > 0)
      page.html += " &middot; " + count_text(static_cast<double>(count(*row, "passed_through"))) + " passed through";
    page.html += " &middot; queue wait " + mean_of(*row, "queue_wait_ns") + " &middot; in layer " +
                 mean_of(*row, "in_layer_ns");
    if (number(sub(*row, "cpu_ns"), "mean_ns").value_or(0) > 0)
      page.html += " (CPU " + mean_of(*row, "cpu_ns") + ")";
    page.html += " &middot; <b>" + percent_text(number(*row, "share_of_latency_percent")) + "</b> of latency</div>";
  }
  for (const json* r : remote_rows) {
    const std::string full = text(*r, "name");
    const std::string short_name = full.substr(full.find("->") == std::string::npos ? 0 : full.find("->") + 2);
    const json* t = named(doc_targets, short_name);
    const std::string opens = t ? text(*t, "stack") : "";
    page.html += "<div class=\"remote\">&#8674; remote I/O target <b>" + esc(short_name) + "</b>";
    if (!opens.empty())
      page.html += " opens stack <a href=\"#" + esc(stack_anchor(opens)) + "\">" + esc(opens) + "</a>";
    page.html += " &middot; " + count_text(static_cast<double>(count(*r, "requests"))) + " sent, held " +
                 mean_of(*r, "held_ns") + "</div>";
  }
  // Remote targets with no row (summary without a layer table).
  if (remote_rows.empty())
    for (const json& t : doc_targets)
      page.html += "<div class=\"remote\">&#8674; remote I/O target <b>" + esc(text(t, "name")) +
                   "</b> opens stack <a href=\"#" + esc(stack_anchor(text(t, "stack"))) + "\">" +
                   esc(text(t, "stack")) + "</a></div>";
  page.html += "</div>\n";
}

void render_stack_diagram(Page& page, const json& summary, const json* document) {
  page.html += "<section id=\"stack\"><h2>The stack</h2>\n";
  if (!document)
    page.note("This summary does not carry the scenario document, so the diagram shows only the layer table: no "
              "queues, policies, remote target stacks or device settings.");
  // Stacks from the layer table, or from the document when there is none.
  struct StackView {
    std::string name, device;
    std::vector<std::string> drivers;
    const json* layer = nullptr;  // the stack's entry of summary["layers"]
  };
  std::vector<StackView> stacks;
  for (const json& s : array(summary, "layers")) {
    StackView v{text(s, "stack"), text(s, "device"), {}, &s};
    for (const json& r : array(s, "rows"))
      if (text(r, "kind") == "driver")
        v.drivers.push_back(text(r, "name"));
    stacks.push_back(std::move(v));
  }
  if (stacks.empty() && document)
    for (const json& s : array(*document, "stacks")) {
      StackView v{text(s, "name"), text(s, "device"), {}, nullptr};
      for (const json& d : array(s, "drivers"))
        if (d.is_string())
          v.drivers.push_back(d.get<std::string>());
      stacks.push_back(std::move(v));
    }
  if (stacks.empty()) {
    page.note("No stack in this summary.");
    page.html += "</section>\n";
    return;
  }
  static const json no_document = json::object();
  const json& doc = document ? *document : no_document;
  page.html += "<div class=\"stacks\">\n";
  for (const StackView& s : stacks) {
    page.html += "<div class=\"stack\" id=\"" + esc(stack_anchor(s.name)) + "\"><h3>stack " + esc(s.name) + "</h3>\n";
    // Who issues into the stack.
    std::vector<std::string> issuers;
    for (const json& w : array(summary, "workloads"))
      if (text(w, "stack") == s.name) {
        std::string line = "<b>" + esc(text(w, "name")) + "</b>: " + esc(workload_kind_text(w));
        if (const json* wd = named(array(doc, "workloads"), text(w, "name"))) {
          const json& mix = array(*wd, "mix");
          double weights = 0;
          for (const json& m : mix)
            weights += number(m, "weight").value_or(1);
          std::string mix_text;
          for (const json& m : mix)
            mix_text += (mix_text.empty() ? "" : ", ") +
                        fmt("%.0f%% ", weights > 0 ? number(m, "weight").value_or(1) / weights * 100 : 0) +
                        text(m, "type") + " " + text(m, "size");
          if (!mix_text.empty())
            line += "<br><span class=\"mix\">" + esc(mix_text) + "</span>";
        }
        if (const json* replay = field(w, "replay"))
          line += "<br><span class=\"mix\">" + esc(describe_replay(*replay)) + "</span>";
        issuers.push_back(line);
      }
    if (issuers.empty() && document)  // who opens this stack as a remote I/O target
      for (const json& d : array(doc, "drivers"))
        for (const json& t : array(d, "targets"))
          if (text(t, "stack") == s.name)
            issuers.push_back("remote I/O target <b>" + esc(text(t, "name")) + "</b> of driver <b>" + esc(text(d, "name")) +
                              "</b>");
    if (issuers.empty())
      issuers.push_back("no workload issues into this stack");
    page.html += "<div class=\"box issuer\">";
    for (std::size_t i = 0; i < issuers.size(); ++i)
      page.html += (i ? "<hr>" : "") + issuers[i];
    page.html += "</div>\n<div class=\"link\">&darr; IRPs</div>\n";

    static const json no_rows = json::array();
    const json& rows = s.layer ? array(*s.layer, "rows") : no_rows;
    auto row_of = [&](const std::string& kind, const std::string& name) -> const json* {
      for (const json& r : rows)
        if (text(r, "kind") == kind && text(r, "name") == name)
          return &r;
      return nullptr;
    };
    for (std::size_t di = 0; di < s.drivers.size(); ++di) {
      const std::string& d = s.drivers[di];
      const json* ddoc = named(array(doc, "drivers"), d);
      const json& doc_targets = ddoc ? array(*ddoc, "targets") : no_rows;
      const std::string next = di + 1 < s.drivers.size() ? s.drivers[di + 1] : std::string();
      const json* local = nullptr;
      std::vector<const json*> remotes;
      for (const json& r : rows) {
        if (text(r, "kind") != "target" || text(r, "driver") != d)
          continue;
        const std::string full = text(r, "name");
        const std::string tail = full.substr(full.find("->") == std::string::npos ? 0 : full.find("->") + 2);
        const bool remote = named(doc_targets, tail) ? true : !(tail == next && !next.empty());
        if (remote)
          remotes.push_back(&r);
        else if (!local)
          local = &r;
      }
      render_driver_box(page, d, row_of("driver", d), ddoc, remotes, doc_targets);
      if (local)
        page.html += "<div class=\"link target\">&darr; I/O target <b>" + esc(text(*local, "name")) + "</b> &middot; " +
                     count_text(static_cast<double>(count(*local, "requests"))) + " sent, held " +
                     mean_of(*local, "held_ns") + "</div>\n";
      else if (!next.empty())
        page.html += "<div class=\"link\">&darr;</div>\n";
      else
        page.html += "<div class=\"link\">&darr; starts the device</div>\n";
    }
    // The device.
    const json* drow = row_of("device", s.device);
    const json* ddoc = named(array(doc, "devices"), s.device);
    page.html += "<div class=\"box device\"><div class=\"box-head\"><span class=\"name\">" + esc(s.device) +
                 "</span><span class=\"badge\">device</span>";
    if (drow || ddoc) {
      const std::uint64_t ch = drow ? count(*drow, "channels") : ddoc ? count(*ddoc, "channels") : 0;
      page.html += "<span class=\"host\">" + int_text(ch == 0 ? 1 : ch) + " channel" + (ch == 1 ? "" : "s") + "</span>";
    }
    page.html += "</div>";
    if (ddoc) {
      for (const char* k : {"latency", "bandwidth", "errors", "cancelable"})
        if (const json* v = field(*ddoc, k)) {
          std::string t;
          if (v->is_object() && std::string(k) == "latency")
            for (const auto& item : v->items())
              t += (t.empty() ? "" : "; ") + item.key() + " " + value_text(item.value());
          else
            t = value_text(*v);
          page.html += "<div class=\"queues\">" + std::string(k) + ": " + esc(t) + "</div>";
        }
    }
    if (drow)
      page.html += "<div class=\"figures\">" + count_text(static_cast<double>(count(*drow, "requests"))) +
                   " requests &middot; wait " + mean_of(*drow, "queue_wait_ns") + " &middot; service " +
                   mean_of(*drow, "service_ns") +
                   (number(sub(*drow, "interrupt_ns"), "mean_ns").value_or(0) > 0
                        ? " &middot; interrupt " + mean_of(*drow, "interrupt_ns")
                        : std::string()) +
                   " &middot; utilization " +
                   percent_text(number(*drow, "utilization_percent")) + " &middot; <b>" +
                   percent_text(number(*drow, "share_of_latency_percent")) + "</b> of latency</div>";
    page.html += "</div>\n</div>\n";
  }
  page.html += "</div>\n";
  page.html += "<p class=\"legend\">Means per request that reached the layer, over measured requests; \"of latency\" is "
               "the layer's share of the stack's end-to-end time (queue wait + in layer for a driver, held for a "
               "target, wait + service (+ interrupt, when ISRs and DPCs cost CPU) for a device).</p>\n</section>\n";
}

// ---------------------------------------------------------------------------------------------------------------
// Latency: per workload a table, a CDF of every type together, then per type its histogram and CDF.

}  // namespace irpsim::report::html
