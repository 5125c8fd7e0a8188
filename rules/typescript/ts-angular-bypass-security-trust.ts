import { Component, Input, OnInit, SecurityContext } from '@angular/core';
import { DomSanitizer, SafeHtml, SafeResourceUrl } from '@angular/platform-browser';
import { ActivatedRoute } from '@angular/router';
import DOMPurify from 'dompurify';

interface Comment {
  author: string;
  html: string;
}

@Component({
  selector: 'app-comment',
  template: '<div [innerHTML]="body"></div><iframe [src]="video"></iframe>',
})
export class CommentComponent implements OnInit {
  @Input() comment!: Comment;
  body: SafeHtml = '';
  video: SafeResourceUrl = '';
  logo: SafeHtml = '';

  constructor(private sanitizer: DomSanitizer, private route: ActivatedRoute) {}

  ngOnInit(): void {
    // ruleid: ts-angular-bypass-security-trust
    this.body = this.sanitizer.bypassSecurityTrustHtml(this.comment.html);
    const url = this.route.snapshot.queryParamMap.get('video') ?? '';
    // ruleid: ts-angular-bypass-security-trust
    this.video = this.sanitizer.bypassSecurityTrustResourceUrl(url);
  }

  renderPreview(markup: string): SafeHtml {
    // ruleid: ts-angular-bypass-security-trust
    return this.sanitizer.bypassSecurityTrustHtml(`<section>${markup}</section>`);
  }

  renderSafe(markup: string): void {
    const clean = DOMPurify.sanitize(markup);
    // ok: ts-angular-bypass-security-trust
    this.body = this.sanitizer.bypassSecurityTrustHtml(clean);
    // ok: ts-angular-bypass-security-trust
    this.logo = this.sanitizer.bypassSecurityTrustHtml('<svg viewBox="0 0 10 10"><circle r="5"/></svg>');
    // ok: ts-angular-bypass-security-trust
    this.body = this.sanitizer.sanitize(SecurityContext.HTML, markup) ?? '';
    // ok: ts-angular-bypass-security-trust
    this.video = this.sanitizer.bypassSecurityTrustResourceUrl(`https://www.youtube-nocookie.com/embed/intro`);
  }
}
