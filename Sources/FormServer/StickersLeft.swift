import Foundation
import WijkpeilCore

/// The sentence under a sticker form: how many stickers are left to place, in Dutch or English.
///
/// The server writes it for the page as it sends it; `/static/wijkpeil.js` writes the same
/// sentences from the templates (`{n}` for the number) while the resident types.
struct StickersLeft {
    let many: String, one: String, none: String, over: String

    /// `colour` names the colour of a session's stickers ("groen"), or `nil` for one colour.
    init(language: Language, colour: String?) {
        switch (language, colour) {
        case (.nl, let colour?):
            let name = colour.capitalizedFirst
            (many, one, none, over) = ("\(name): nog {n} over.", "\(name): nog 1 over.", "\(name): alle stickers verdeeld.", "\(name): {n} te veel verdeeld.")
        case (.nl, nil):
            (many, one, none, over) = ("Nog {n} stickers over.", "Nog 1 sticker over.", "Alle stickers verdeeld.", "{n} stickers te veel verdeeld.")
        case (.en, let colour?):
            let name = colour.capitalizedFirst
            (many, one, none, over) = ("\(name): {n} left.", "\(name): 1 left.", "\(name): all stickers placed.", "\(name): {n} too many placed.")
        case (.en, nil):
            (many, one, none, over) = ("{n} stickers left.", "1 sticker left.", "All stickers placed.", "{n} stickers too many placed.")
        }
    }

    /// The sentence for `left` stickers still to place (negative: placed too many).
    func sentence(left: Int, budget: Int) -> String {
        switch left {
        case ..<0: over.replacingOccurrences(of: "{n}", with: String(-left))
        case 0: none
        case 1: one
        default: many.replacingOccurrences(of: "{n}", with: String(left))
        }
    }

    /// Keeps every running count up to date as the resident types; the page works without it.
    static let script = """
        "use strict";
        document.querySelectorAll("p.left[data-group]").forEach(function (line) {
          var group = document.getElementById(line.dataset.group);
          if (!group) { return; }
          var budget = parseInt(line.dataset.budget, 10);
          function update() {
            var placed = 0;
            group.querySelectorAll("input").forEach(function (input) {
              var count = parseInt(input.value, 10);
              if (count > 0) { placed += count; }
            });
            var left = budget - placed;
            var text = left < 0 ? line.dataset.over.replace("{n}", String(-left))
              : left === 0 ? line.dataset.none
              : left === 1 ? line.dataset.one
              : line.dataset.many.replace("{n}", String(left));
            if (line.textContent !== text) { line.textContent = text; }
          }
          group.addEventListener("input", update);
        });

        """
}
