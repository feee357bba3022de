//! The rules that span rows: unique codes, known parents, no cycles, one root. Checked on the
//! tree as it would be after the import, i.e. the existing units with the imported rows laid
//! over them by code (a re-imported unit may move to a new parent).

use std::collections::HashMap;

use super::rows::Row;
use super::{ImportProblem, ProblemKind};
use crate::units::{Unit, UnitCode};

/// What a node's parent field says, before it is resolved.
#[derive(Clone, Copy)]
enum ParentSpec<'a> {
    Root,
    Code(&'a UnitCode),
    /// Unreadable (already reported): the node is left out of the tree rules.
    Unknown,
}

/// A node's resolved parent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Root,
    Parent(usize),
    /// A parent that could not be resolved; the problem is reported already.
    Broken,
}

struct Node<'a> {
    code: &'a UnitCode,
    spec: ParentSpec<'a>,
    /// The line of the row that sets this node, when the import touches it.
    line: Option<usize>,
    /// Whether the unit exists before the import.
    existed: bool,
}

/// The tree after the import, as far as it can be built.
pub(super) struct Graph<'a> {
    nodes: Vec<Node<'a>>,
    links: Vec<Link>,
    index: HashMap<&'a UnitCode, usize>,
}

impl<'a> Graph<'a> {
    /// Lays the rows over the existing units, reporting repeated codes and parents that are
    /// unknown or the unit itself.
    pub fn build(rows: &'a [Row], existing: &'a [Unit], problems: &mut Vec<ImportProblem>) -> Self {
        let mut graph = Graph {
            nodes: Vec::with_capacity(existing.len() + rows.len()),
            links: Vec::new(),
            index: HashMap::with_capacity(existing.len() + rows.len()),
        };
        for unit in existing {
            // The caller's units are trusted; a repeated code there keeps its first unit.
            graph.index.entry(&unit.code).or_insert_with(|| {
                graph.nodes.push(Node {
                    code: &unit.code,
                    spec: unit
                        .parent
                        .as_ref()
                        .map_or(ParentSpec::Root, ParentSpec::Code),
                    line: None,
                    existed: true,
                });
                graph.nodes.len() - 1
            });
        }

        let mut first_line: HashMap<&UnitCode, usize> = HashMap::with_capacity(rows.len());
        for row in rows {
            let Some(code) = &row.code else { continue };
            if let Some(&first) = first_line.get(code) {
                problems.push(ImportProblem {
                    line: row.line,
                    column: Some("code".to_owned()),
                    kind: ProblemKind::DuplicateCode {
                        code: code.clone(),
                        first_line: first,
                    },
                });
                continue;
            }
            first_line.insert(code, row.line);
            let spec = match &row.parent {
                Some(Some(parent)) => ParentSpec::Code(parent),
                Some(None) => ParentSpec::Root,
                None => ParentSpec::Unknown,
            };
            match graph.index.get(code) {
                Some(&i) => {
                    graph.nodes[i].spec = spec;
                    graph.nodes[i].line = Some(row.line);
                }
                None => {
                    graph.index.insert(code, graph.nodes.len());
                    graph.nodes.push(Node {
                        code,
                        spec,
                        line: Some(row.line),
                        existed: false,
                    });
                }
            }
        }

        graph.links = (0..graph.nodes.len())
            .map(|i| graph.resolve(i, problems))
            .collect();
        graph
    }

    fn resolve(&self, i: usize, problems: &mut Vec<ImportProblem>) -> Link {
        let node = &self.nodes[i];
        let parent = match node.spec {
            ParentSpec::Root => return Link::Root,
            ParentSpec::Unknown => return Link::Broken,
            ParentSpec::Code(parent) => parent,
        };
        let kind = if parent == node.code {
            ProblemKind::OwnParent {
                code: node.code.clone(),
            }
        } else if let Some(&p) = self.index.get(parent) {
            return Link::Parent(p);
        } else {
            ProblemKind::UnknownParent {
                parent: parent.clone(),
            }
        };
        // Only imported rows are reported: the existing tree is the caller's to keep sound.
        if let Some(line) = node.line {
            problems.push(ImportProblem {
                line,
                column: Some("parent_code".to_owned()),
                kind,
            });
        }
        Link::Broken
    }

    /// Reports each parent cycle once, on the earliest imported row in it. A cycle may run
    /// through existing units that the import does not touch.
    pub fn check_cycles(&self, problems: &mut Vec<ImportProblem>) {
        #[derive(Clone, Copy, PartialEq, Eq)]
        enum Mark {
            New,
            OnPath,
            Done,
        }
        let mut marks = vec![Mark::New; self.nodes.len()];
        let mut path = Vec::new();
        for start in 0..self.nodes.len() {
            path.clear();
            let mut current = Some(start);
            while let Some(i) = current {
                match marks[i] {
                    Mark::Done => break,
                    Mark::OnPath => {
                        if let Some(at) = path.iter().position(|&p| p == i) {
                            self.report_cycle(&path[at..], problems);
                        }
                        break;
                    }
                    Mark::New => {
                        marks[i] = Mark::OnPath;
                        path.push(i);
                        current = match self.links[i] {
                            Link::Parent(p) => Some(p),
                            Link::Root | Link::Broken => None,
                        };
                    }
                }
            }
            for &i in &path {
                marks[i] = Mark::Done;
            }
        }
    }

    /// `cycle` lists nodes from child to parent; the last one's parent is the first.
    fn report_cycle(&self, cycle: &[usize], problems: &mut Vec<ImportProblem>) {
        let Some((at, line)) = cycle
            .iter()
            .enumerate()
            .filter_map(|(at, &i)| self.nodes[i].line.map(|line| (at, line)))
            .min_by_key(|&(_, line)| line)
        else {
            return; // Only existing units: not this import's doing.
        };
        let codes = cycle[at..]
            .iter()
            .chain(&cycle[..at])
            .chain(std::iter::once(&cycle[at]))
            .map(|&i| self.nodes[i].code.clone())
            .collect();
        problems.push(ImportProblem {
            line,
            column: Some("parent_code".to_owned()),
            kind: ProblemKind::Cycle { codes },
        });
    }

    /// Reports every root beyond the first. Existing roots come first (the organisation's top
    /// stays where it is), then imported ones by line.
    pub fn check_roots(&self, problems: &mut Vec<ImportProblem>) {
        let mut roots: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| self.links[i] == Link::Root)
            .collect();
        roots.sort_by_key(|&i| {
            let node = &self.nodes[i];
            (!node.existed, node.line.unwrap_or(0), i)
        });
        let Some((&kept, others)) = roots.split_first() else {
            return;
        };
        for &i in others {
            if let Some(line) = self.nodes[i].line {
                problems.push(ImportProblem {
                    line,
                    column: Some("parent_code".to_owned()),
                    kind: ProblemKind::SecondRoot {
                        code: self.nodes[i].code.clone(),
                        root: self.nodes[kept].code.clone(),
                    },
                });
            }
        }
    }

    /// The depth of every unit in the tree after the import (root = 0), for ordering parents
    /// before children. Meaningful once the checks found nothing; linear and total even if not.
    pub fn depths(&self) -> HashMap<&'a UnitCode, usize> {
        let mut depths: Vec<Option<usize>> = vec![None; self.nodes.len()];
        let mut on_path = vec![false; self.nodes.len()];
        let mut path = Vec::new();
        for start in 0..self.nodes.len() {
            path.clear();
            let mut current = start;
            // Climb until a node of known depth, the top, or a loop.
            let base = loop {
                if let Some(depth) = depths[current] {
                    break depth + 1;
                }
                if on_path[current] {
                    break 0;
                }
                on_path[current] = true;
                path.push(current);
                match self.links[current] {
                    Link::Parent(p) => current = p,
                    Link::Root | Link::Broken => break 0,
                }
            };
            for (offset, &i) in path.iter().rev().enumerate() {
                depths[i] = Some(base + offset);
                on_path[i] = false;
            }
        }
        self.nodes
            .iter()
            .zip(depths)
            .map(|(node, depth)| (node.code, depth.unwrap_or(0)))
            .collect()
    }
}
