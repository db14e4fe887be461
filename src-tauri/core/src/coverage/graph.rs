//! The relationship graph between contacts. petgraph stays private to this file: the rest of the
//! core sees contacts as dense slots (`u32`) and links as [`Link`]s.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

use crate::model::RelationshipKind;

/// A contact's place in the coverage index.
pub(crate) type Slot = u32;

/// One relationship as the graph holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    pub kind: RelationshipKind,
    /// 1 (weak) ..5 (strong).
    pub strength: u8,
}

/// Contacts and the relationships between them, `from` → `to`, edited one relationship at a time.
///
/// Stable indices keep every other contact's node valid while relationships come and go. Nodes
/// are made on first use and kept: a contact without relationships is simply a node without
/// edges.
#[derive(Debug, Default)]
pub(crate) struct ContactGraph {
    graph: StableDiGraph<Slot, Link>,
    /// The node of each contact slot, once it has one.
    nodes: Vec<Option<NodeIndex>>,
    /// Relationship id → its edge.
    edges: HashMap<String, EdgeIndex>,
    /// By contact slot: their managers and influencers, kept beside the graph as one compact list
    /// per contact (petgraph's edge lists are linked through one big edge array, which costs a
    /// cache miss per edge when scoring walks them for every stakeholder).
    up: Vec<Vec<Up>>,
}

/// A manager or influencer of a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Up {
    pub other: Slot,
    /// `ReportsTo`: `other` is their manager; `Influences`: `other` influences them.
    pub kind: RelationshipKind,
    pub strength: u8,
}

impl Default for Up {
    fn default() -> Up {
        Up {
            other: 0,
            kind: RelationshipKind::ReportsTo,
            strength: 0,
        }
    }
}

impl ContactGraph {
    /// An empty graph with room for about this many contacts and relationships.
    pub fn with_capacity(contacts: usize, relationships: usize) -> ContactGraph {
        ContactGraph {
            graph: StableDiGraph::with_capacity(contacts, relationships),
            nodes: Vec::with_capacity(contacts),
            edges: HashMap::with_capacity(relationships),
            up: Vec::with_capacity(contacts),
        }
    }

    /// The contact whose up-list a relationship lands in (its managed or influenced end).
    pub fn up_owner(&self, id: &str) -> Option<Slot> {
        let (from, to, link) = self.relationship(id)?;
        Self::up_entry(from, to, link).map(|(at, _)| at)
    }

    /// Where a relationship lands in the up-lists: (whose list, the entry).
    fn up_entry(from: Slot, to: Slot, link: Link) -> Option<(Slot, Up)> {
        let (at, other) = match link.kind {
            RelationshipKind::ReportsTo => (from, to),
            RelationshipKind::Influences => (to, from),
            RelationshipKind::AlliesWith | RelationshipKind::ConflictsWith => return None,
        };
        let up = Up {
            other,
            kind: link.kind,
            strength: link.strength,
        };
        Some((at, up))
    }

    /// The managers and influencers of `slot`.
    pub fn up(&self, slot: Slot) -> &[Up] {
        self.up.get(slot as usize).map_or(&[], Vec::as_slice)
    }

    fn node(&mut self, slot: Slot) -> NodeIndex {
        let at = slot as usize;
        if self.nodes.len() <= at {
            self.nodes.resize(at + 1, None);
        }
        match self.nodes[at] {
            Some(node) => node,
            None => {
                let node = self.graph.add_node(slot);
                self.nodes[at] = Some(node);
                node
            }
        }
    }

    fn existing(&self, slot: Slot) -> Option<NodeIndex> {
        self.nodes.get(slot as usize).copied().flatten()
    }

    /// Adds or replaces the relationship with this id.
    pub fn put(&mut self, id: &str, from: Slot, to: Slot, link: Link) {
        self.remove(id);
        let (a, b) = (self.node(from), self.node(to));
        let edge = self.graph.add_edge(a, b, link);
        self.edges.insert(id.to_string(), edge);
        if let Some((at, up)) = Self::up_entry(from, to, link) {
            let at = at as usize;
            if self.up.len() <= at {
                self.up.resize_with(at + 1, Vec::new);
            }
            self.up[at].push(up);
        }
    }

    /// Removes the relationship with this id, if the graph has it.
    pub fn remove(&mut self, id: &str) {
        let Some(edge) = self.edges.remove(id) else {
            return;
        };
        let ends = self.graph.edge_endpoints(edge);
        if let (Some((a, b)), Some(link)) = (ends, self.graph.remove_edge(edge))
            && let Some((at, up)) = Self::up_entry(self.graph[a], self.graph[b], link)
            && let Some(list) = self.up.get_mut(at as usize)
            && let Some(found) = list.iter().position(|u| *u == up)
        {
            list.swap_remove(found);
        }
    }

    /// The relationship with this id: its endpoints and link.
    pub fn relationship(&self, id: &str) -> Option<(Slot, Slot, Link)> {
        let edge = *self.edges.get(id)?;
        let (a, b) = self.graph.edge_endpoints(edge)?;
        Some((self.graph[a], self.graph[b], *self.graph.edge_weight(edge)?))
    }

    /// The links that end at `slot` (`other → slot`), with the other contact.
    pub fn incoming(&self, slot: Slot) -> impl Iterator<Item = (Slot, Link)> + '_ {
        self.directed(slot, Direction::Incoming)
    }

    /// The links that start at `slot` (`slot → other`), with the other contact.
    pub fn outgoing(&self, slot: Slot) -> impl Iterator<Item = (Slot, Link)> + '_ {
        self.directed(slot, Direction::Outgoing)
    }

    fn directed(&self, slot: Slot, dir: Direction) -> impl Iterator<Item = (Slot, Link)> + '_ {
        self.existing(slot).into_iter().flat_map(move |node| {
            self.graph.edges_directed(node, dir).map(move |edge| {
                let other = match dir {
                    Direction::Outgoing => edge.target(),
                    Direction::Incoming => edge.source(),
                };
                (self.graph[other], *edge.weight())
            })
        })
    }

    /// Everyone linked to `slot` by any relationship, in either direction (may repeat).
    #[cfg(test)]
    pub fn neighbours(&self, slot: Slot) -> impl Iterator<Item = Slot> + '_ {
        self.outgoing(slot)
            .chain(self.incoming(slot))
            .map(|(other, _)| other)
    }

    /// The managers of `slot`: the contacts it reports to.
    #[cfg(test)]
    pub fn managers(&self, slot: Slot) -> impl Iterator<Item = Slot> + '_ {
        self.up(slot)
            .iter()
            .filter(|u| u.kind == RelationshipKind::ReportsTo)
            .map(|u| u.other)
    }

    /// The contacts who influence `slot`.
    #[cfg(test)]
    pub fn influencers(&self, slot: Slot) -> impl Iterator<Item = Slot> + '_ {
        self.up(slot)
            .iter()
            .filter(|u| u.kind == RelationshipKind::Influences)
            .map(|u| u.other)
    }

    /// How many relationships the graph holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.edges.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(kind: RelationshipKind) -> Link {
        Link { kind, strength: 3 }
    }

    /// A small drawing of who is linked to `slot`, for readable assertions.
    fn around(graph: &ContactGraph, slot: Slot) -> String {
        let mut managers: Vec<Slot> = graph.managers(slot).collect();
        let mut influencers: Vec<Slot> = graph.influencers(slot).collect();
        let mut neighbours: Vec<Slot> = graph.neighbours(slot).collect();
        managers.sort_unstable();
        influencers.sort_unstable();
        neighbours.sort_unstable();
        format!("managers {managers:?}, influencers {influencers:?}, neighbours {neighbours:?}")
    }

    #[test]
    fn managers_influencers_and_neighbours_follow_the_edges() {
        let mut g = ContactGraph::default();
        g.put("r1", 1, 0, link(RelationshipKind::ReportsTo)); // 1 reports to 0
        g.put("r2", 2, 1, link(RelationshipKind::Influences)); // 2 influences 1
        g.put("r3", 1, 3, link(RelationshipKind::AlliesWith));
        g.put("r4", 4, 1, link(RelationshipKind::ReportsTo)); // 4 reports to 1
        assert_eq!(
            around(&g, 1),
            "managers [0], influencers [2], neighbours [0, 2, 3, 4]"
        );
        assert_eq!(around(&g, 0), "managers [], influencers [], neighbours [1]");
        assert_eq!(around(&g, 9), "managers [], influencers [], neighbours []");
    }

    #[test]
    fn putting_an_id_again_moves_the_edge_and_removing_forgets_it() {
        let mut g = ContactGraph::default();
        g.put("r1", 1, 0, link(RelationshipKind::ReportsTo));
        g.put("r1", 1, 2, link(RelationshipKind::ReportsTo));
        assert_eq!(g.len(), 1);
        assert_eq!(
            around(&g, 1),
            "managers [2], influencers [], neighbours [2]"
        );
        assert_eq!(
            g.relationship("r1"),
            Some((1, 2, link(RelationshipKind::ReportsTo)))
        );
        g.remove("r1");
        g.remove("r1");
        assert_eq!(g.len(), 0);
        assert_eq!(around(&g, 1), "managers [], influencers [], neighbours []");
        assert_eq!(g.relationship("r1"), None);
    }
}
