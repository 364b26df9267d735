/** Every string of the interface, in each language it speaks. */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const strings = {
  en: {
    skipToContent: 'Skip to content',
    library: 'Library',
    libraryEmpty:
      'No posts yet. Add Markdown files to posts/ or point POSTS_DIR at a Jekyll _posts folder.',
    talks: (n: number) => (n === 1 ? '1 talk' : `${n} talks`),
    minRead: (n: number) => `${n} min read`,
    /** A date as Intl's en-US long form writes it ("May 19, 2015"), without Intl's start-up. */
    date: (year: number, month: number, day: number) => `${MONTHS[month - 1]} ${day}, ${year}`,
    talksIn: (title: string) => `Talks in ${title}`,
    moreTalks: (n: number) => (n === 1 ? '1 more talk' : `${n} more talks`),
    tags: 'Tags',
    sessions: 'Sessions',
    sessionsButton: 'Sessions',
    currentTalk: 'Current talk',
    closeSessions: 'Close sessions',
    notFound: 'Not found',
    noSuchPage: 'There is no such page in this library.',
    notFoundText: (what: string, name: string) =>
      `There is no ${what} called “${name}” in this library.`,
    whatPost: 'post',
    whatPage: 'page',
    whatSection: 'talk or section',
    whatTag: 'tag',
    backToLibrary: 'Back to the library',
    open: (title: string) => `Open “${title}”`,
    loading: 'Loading…',
    loadFailed:
      'This post could not be loaded. A newer version of the reader may have been published.',
    reload: 'Reload',
    frontMatterUnreadable: 'This post’s front matter could not be read.',
    frontMatterProblem: (file: string, line: number, message: string) =>
      `Front matter could not be read (${file}, line ${line}): ${message}`,
    continueReading: 'Continue reading',
    taggedWith: (tag: string) => `Posts tagged “${tag}”`,
    inCategory: (c: string) => `Posts in “${c}”`,
    allPosts: 'All posts',
    libraryPages: 'Pages of the library',
    newerPosts: 'Newer posts',
    olderPosts: 'Older posts',
    pageOf: (page: number, total: number) => `Page ${page} of ${total}`,
    previousPost: 'Previous post',
    nextPost: 'Next post',
    copyLink: (title: string) => `Copy link to “${title}”`,
    share: (title: string) => `Share “${title}”`,
    linkCopied: 'Link copied',
    readingProgress: 'Reading progress',
    theme: 'Theme',
    themeAuto: 'Auto',
    themeLight: 'Light',
    themeDark: 'Dark',
    language: 'Language',
    newVersion: 'New version available',
    dismiss: 'Dismiss',
    opened: (title: string) => `Opened ${title}`,
    postsInYear: (year: string) => `Posts from ${year}`,
    imageUnavailable: 'Image not available offline',
    undated: 'Undated',
    search: 'Search',
    searchTalks: 'Search talks',
    searchPlaceholder: 'Search talks  /',
    searchResults: 'Search results',
    searchFor: (q: string) => `Search: ${q}`,
    searchHint: 'Type a word, a name or a phrase: typos are fine, and Chinese works too.',
    searchNeedsScript:
      'Search needs JavaScript, which is off in this browser. Every post is in the library.',
    searchNoResultsFor: (q: string) => `No results for “${q}”.`,
    searchAllResultsFor: (q: string) => `All results for “${q}”`,
    searchNoResults: 'No results',
    searchResultCount: (n: number) => (n === 1 ? '1 result' : `${n} results`),
    searchResultsFor: (n: number, q: string, best: boolean) =>
      best
        ? `The ${n} best results for “${q}”`
        : `${n === 1 ? '1 result' : `${n} results`} for “${q}”`,
    searchFailed: (message: string) => `Search failed: ${message}`,
    searchLoading: 'Loading the search index…',
    searching: 'Searching…',
    searchUnavailable:
      'Search is unavailable for now: part of the search index could not be loaded.',
    searchRetry: 'Try again',
  },
  zh: {
    skipToContent: '跳到正文',
    library: '文章列表',
    libraryEmpty:
      '还没有文章。把 Markdown 文件放进 posts/，或把 POSTS_DIR 指向 Jekyll 的 _posts 目录。',
    talks: (n: number) => `${n} 个议题`,
    minRead: (n: number) => `阅读约 ${n} 分钟`,
    date: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
    talksIn: (title: string) => `${title} 中的议题`,
    moreTalks: (n: number) => `还有 ${n} 个议题`,
    tags: '标签',
    sessions: '议题目录',
    sessionsButton: '目录',
    currentTalk: '当前议题',
    closeSessions: '关闭目录',
    notFound: '未找到',
    noSuchPage: '文库中没有这个页面。',
    notFoundText: (what: string, name: string) => `这里没有名为“${name}”的${what}。`,
    whatPost: '文章',
    whatPage: '页面',
    whatSection: '议题或章节',
    whatTag: '标签',
    backToLibrary: '返回文章列表',
    open: (title: string) => `打开“${title}”`,
    loading: '加载中…',
    loadFailed: '无法加载这篇文章，可能已发布了新版本。',
    reload: '重新加载',
    frontMatterUnreadable: '这篇文章的头信息（front matter）无法读取。',
    frontMatterProblem: (file: string, line: number, message: string) =>
      `头信息无法读取（${file} 第 ${line} 行）：${message}`,
    continueReading: '继续阅读',
    taggedWith: (tag: string) => `标签“${tag}”下的文章`,
    inCategory: (c: string) => `分类“${c}”下的文章`,
    allPosts: '全部文章',
    libraryPages: '文章列表分页',
    newerPosts: '较新的文章',
    olderPosts: '较早的文章',
    pageOf: (page: number, total: number) => `第 ${page} 页，共 ${total} 页`,
    previousPost: '上一篇',
    nextPost: '下一篇',
    copyLink: (title: string) => `复制“${title}”的链接`,
    share: (title: string) => `分享“${title}”`,
    linkCopied: '链接已复制',
    readingProgress: '阅读进度',
    theme: '主题',
    themeAuto: '自动',
    themeLight: '浅色',
    themeDark: '深色',
    language: '语言',
    newVersion: '有新版本可用',
    dismiss: '关闭',
    opened: (title: string) => `已打开 ${title}`,
    postsInYear: (year: string) => `${year} 年的文章`,
    imageUnavailable: '离线时无法显示图片',
    undated: '无日期',
    search: '搜索',
    searchTalks: '搜索议题',
    searchPlaceholder: '搜索议题  /',
    searchResults: '搜索结果',
    searchFor: (q: string) => `搜索：${q}`,
    searchHint: '输入词语、人名或短语：允许拼写错误，也支持中文。',
    searchNeedsScript: '搜索需要 JavaScript，而此浏览器已将其关闭。所有文章都在文库中。',
    searchNoResultsFor: (q: string) => `没有找到“${q}”的结果。`,
    searchAllResultsFor: (q: string) => `“${q}”的全部结果`,
    searchNoResults: '没有结果',
    searchResultCount: (n: number) => `${n} 个结果`,
    searchResultsFor: (n: number, q: string, best: boolean) =>
      best ? `“${q}”最相关的 ${n} 个结果` : `“${q}”的 ${n} 个结果`,
    searchFailed: (message: string) => `搜索失败：${message}`,
    searchLoading: '正在加载搜索索引…',
    searching: '搜索中…',
    searchUnavailable: '搜索暂时不可用：部分搜索索引无法加载。',
    searchRetry: '重试',
  },
} as const;

export type UiLang = keyof typeof strings;
export type Strings = (typeof strings)['en'];
export const UI_LANGS: { code: UiLang; label: string; htmlLang: string }[] = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'zh', label: '中文', htmlLang: 'zh-CN' },
];

/**
 * The interface language for a page in `lang` (a BCP 47 tag: the site's `lang`): the one the
 * interface speaks with the same primary subtag (`zh-CN`, `zh-TW` → `zh`), else English. The
 * build writes every page's interface in it, and the app starts in it unless the reader chose
 * another: a reader sees the interface in the language of the site, with no switch when the
 * app takes the page over.
 */
export function uiLangFor(lang: string): UiLang {
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return UI_LANGS.find((l) => l.code === primary)?.code ?? 'en';
}
