import React, { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';

const FOOTER_HTML = '<small>&copy; Example Corp</small>';

export function Comment({ comment }) {
  return (
    <li className="comment">
      <strong>{comment.author}</strong>
      <div dangerouslySetInnerHTML={{ __html: comment.body }} /> {/* ruleid: js-react-dangerously-set-inner-html */}
    </li>
  );
}

export function MarkdownPreview({ source }) {
  const html = useMemo(() => marked.parse(source), [source]);
  // ruleid: js-react-dangerously-set-inner-html
  return <article dangerouslySetInnerHTML={{ __html: html }} />;
}

function createMarkup(query) {
  // ruleid: js-react-dangerously-set-inner-html
  return { __html: `Results for <b>${query}</b>` };
}

export function SearchTitle({ query }) {
  return <h2 dangerouslySetInnerHTML={createMarkup(query)} />;
}

export function SafePreview({ source }) {
  const clean = DOMPurify.sanitize(marked.parse(source));
  return (
    <section>
      <article dangerouslySetInnerHTML={{ __html: clean }} /> {/* ok: js-react-dangerously-set-inner-html */}
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(source) }} /> {/* ok: js-react-dangerously-set-inner-html */}
      <footer dangerouslySetInnerHTML={{ __html: FOOTER_HTML }} /> {/* ok: js-react-dangerously-set-inner-html */}
      <p dangerouslySetInnerHTML={{ __html: '&nbsp;' }} /> {/* ok: js-react-dangerously-set-inner-html */}
      <p>{source}</p> {/* ok: js-react-dangerously-set-inner-html */}
    </section>
  );
}
