"""Clauses of a Dutch sentence, for the transfer extractor: where the clause of a supply verb starts and ends.

The blank base has no parser, so the boundaries come from punctuation and closed word lists
(``patterns/dutch.jsonl``): a comma before a new subject and its finite verb, ``dat``, ``;``, ``en`` before a
party and a finite verb, a pronoun subject (``, en het bestelde ...``). Kept apart from the extractor because
it is about Dutch word order, not about supplies.
"""
from __future__ import annotations

from .dutch import Closed, Word
from .gazetteer import Gazetteer


class ClauseSplitter:
    def __init__(self, closed: Closed, verbs: set[str], gazetteer: Gazetteer) -> None:
        self.closed = closed
        self.verbs = verbs  # the supply verbs' forms, lower-cased: they head a clause as a finite verb does
        self.gazetteer = gazetteer

    @staticmethod
    def adjective_use(ws: list[Word], vi: int) -> bool:
        """``de 212 bestelde houwitsers``, ``de geleverde tanks``: a past form after a determiner or a number
        modifies a noun; it states no transfer of its own."""
        verb = ws[vi].lower
        if vi == 0 or not verb.endswith(("de", "te")) or vi + 1 >= len(ws) or not ws[vi + 1].is_word:
            return False
        before = ws[vi - 1].lower
        if before.isdigit() and len(before) == 4 and 1900 <= int(before) <= 2100:
            return False  # In 2018 bestelde België ...: a year, then the inverted finite verb
        return before in ("de", "het", "deze", "een", "alle") or before[0].isdigit()

    def clause(self, ws: list[Word], vi: int) -> tuple[int, int]:
        """Word range of the clause around the verb: after `dat`/`;`, up to `;` or the sentence end."""
        lo = 0
        for i in range(vi - 1, -1, -1):
            w = ws[i]
            if w.lower in self.closed["clause-openers"] and i > 0 and ws[i - 1].text == ",":
                lo = i + 1
                break
            if w.text == "," and self.new_subject_clause(ws, i):  # ..., de Verenigde Staten leverden ...
                lo = i + 1
                break
            if w.lower in ("en", "maar") and i + 2 < len(ws) and ws[i + 1].lower in ("het", "hij", "ze", "zij") \
                    and i + 1 < vi and ws[i + 2] is ws[vi] and i > 0 and ws[i - 1].text == ",":
                lo = i + 1  # ..., en het bestelde twaalf Rafales: the pronoun's own clause
                break
            if w.lower in ("en", "maar") and self.party_clause(ws, i) and any(
                    x.lower in self.closed["finite-verbs"] or x.lower in self.verbs for x in ws[:i]):
                lo = i + 1  # De Denen hebben het systeem gekocht en Duitsland heeft interesse
                break
            if w.text in ";:" or (w.lower == "dat" and i > 0 and ws[i - 1].lower not in ("van", "met")
                                   and not (ws[i - 1].text == "," and any(x.text == "," for x in ws[i + 1:vi]))):
                lo = i + 1
                break
        hi = len(ws)
        for i in range(vi + 1, len(ws)):
            nxt = ws[i + 1].lower if i + 1 < len(ws) else ""
            if ws[i].lower in ("en", "maar") and self.party_clause(ws, i):
                hi = i  # ... gekocht en Duitsland heeft interesse: a second main clause, no comma
                break
            if ws[i].text in ";" or (ws[i].text == "," and (
                    nxt in self.closed["clause-end-conjunctions"]
                    or self.new_subject_clause(ws, i)
                    or (i + 2 < len(ws) and ws[i + 1].is_cap and ws[i + 2].lower in self.closed["finite-verbs"])
                    # ..., en tekende het voor 36 Caesars: a second main clause with a verb of its own
                    or (nxt in ("en", "maar") and i + 2 < len(ws) and (
                        ws[i + 2].lower in self.closed["finite-verbs"] or ws[i + 2].lower in self.verbs
                        # ..., en het bestelde vorig jaar twaalf Rafales: a pronoun subject and its verb
                        or (ws[i + 2].lower in ("het", "hij", "ze", "zij") and i + 3 < len(ws)
                            and (ws[i + 3].lower in self.verbs or ws[i + 3].lower in self.closed["finite-verbs"]))
                        or (ws[i + 2].lower.endswith(("de", "te")) and i + 3 < len(ws)
                            and ws[i + 3].lower in ("het", "hij", "ze", "zij", "de", "men"))))
                    or (lo > 0 and ws[lo - 1].lower in ("dat", "die") and nxt in self.closed["finite-verbs"]))):
                hi = i  # the next clause: , nadat ... / , Duitsland bracht ...
                break
        return lo, hi

    def party_clause(self, ws: list[Word], conj: int) -> bool:
        """``... gekocht en Duitsland heeft interesse``: after `en` without a comma, a party and a finite verb
        start a main clause of their own (not `Nederland, Denemarken en Noorwegen ontvangen`, nor `KN-23 en
        KN-24 hebben`)."""
        j = conj + 1
        if j < len(ws) and ws[j].lower in ("de", "het"):
            j += 1
        if j + 1 >= len(ws) or not ws[j].is_cap or ws[j + 1].lower not in self.closed["finite-verbs"]:
            return False
        party = self.gazetteer.lookup(ws[j].text)
        return party is not None and party.role != "adjective"

    def new_subject_clause(self, ws: list[Word], comma: int) -> bool:
        """``, de Verenigde Staten leverden eerder al twee``: after a comma a (capitalised) subject and its
        finite verb start a clause of their own."""
        j = comma + 1
        if j < len(ws) and ws[j].lower in ("de", "het"):
            j += 1
        k = j
        while k < len(ws) and k - j < 3 and ws[k].is_cap:
            k += 1
        return k > j and k < len(ws) and (ws[k].lower in self.closed["finite-verbs"] or ws[k].lower in self.verbs)

    def het_pronoun(self, ws: list[Word], i: int) -> bool:
        """``dat het wapens levert``: `het` right after `dat` before a plural (or nothing nominal) is the
        subject pronoun, not an article (`dat het wapen`, `dat het land` are a noun phrase)."""
        if i + 1 >= len(ws):
            return False
        nxt = ws[i + 1].lower
        if i > 0 and ws[i - 1].lower in ("en", "maar", ",") and (nxt in self.verbs or nxt in self.closed["finite-verbs"]):
            return True  # ..., en het bestelde vorig jaar twaalf Rafales: `het` before its verb is the subject
        if i == 0 or ws[i - 1].lower != "dat":
            return False
        if not ws[i + 1].is_word or ws[i + 1].is_cap:
            return False
        if nxt.endswith(tuple(self.closed["neuter-en-singulars"])):
            return False
        return nxt.endswith(("s", "en")) or nxt[0].isdigit() or nxt in ("nog", "al", "geen", "er", "ook", "zelf")

