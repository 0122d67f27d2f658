/**
 * The Liquid constructs of issue 13, one small page each, with the includes and data they use:
 * tests/jekyll/liquid-differential.test.ts renders every one with Jekyll 4.3 and with this
 * project's engine and compares the two. Text of our own; each page is one construct.
 */

export interface LiquidFixture {
  /** The page's name: `content/<name>.html`. */
  name: string;
  /** Front-matter lines (YAML), besides `layout: null`. */
  frontMatter?: string;
  template: string;
}

export const SHARED_FILES: Record<string, string> = {
  "_includes/greeting.html": "Hello from the greeting include, {{ include.who | default: 'reader' }}.",
  "_includes/farewell.html": "Goodbye from the farewell include.",
  "_includes/callouts/warning.html": "<strong>Warning:</strong> {{ include.text }}",
  "content/snippets/part.txt": "A relative snippet for {{ include.topic }}, on {{ page.title }}.\n",
  "content/guide.md": "---\ntitle: Guide\npermalink: /guides/the-guide/\n---\nThe guide.\n",
  "content/_posts/2024-01-15-tunnel-news.md": "---\ntitle: Tunnel news\npermalink: /news/tunnel-news/\n---\nNews.\n",
  "_data/items.yml": [
    "- name: apple",
    "  color: red",
    "  weight: 3",
    "- name: sky",
    "  color: blue",
    "  weight: 1",
    "- name: stone",
    "  weight: 5",
    "- name: cherry",
    "  color: red",
    "  weight: 1",
    "",
  ].join("\n"),
  "_data/people.yml": "ada:\n  name: Ada Lovelace\n  born: 1815\ngrace:\n  name: Grace Hopper\n  born: 1906\n",
  "_data/words.yml": "- alpha\n- beta\n- gamma\n- delta\n- epsilon\n",
  "_data/groups.yml": "- [beta, alpha]\n- [gamma]\n- []\n- [alpha]\n",
  "_includes/float-literal.html": "{{ 6.0 }} {% assign z = 1.0 %}{{ z | plus: 1 }}",
};

export const FIXTURES: LiquidFixture[] = [
  { name: "undefined-variable", template: "<p>Before [{{ page.missing }}] and [{{ nothing.at.all }}] after.</p>" },
  {
    name: "undefined-in-filters",
    template: '<p>[{{ page.missing | append: "-tail" }}] [{{ page.missing | size }}] [{{ page.missing | upcase }}] [{{ nothing | join: "," }}]</p>',
  },
  {
    name: "undefined-in-tags",
    template:
      '<p>{% for x in page.missing %}item{% else %}no items{% endfor %}; {% case page.missing %}{% when "a" %}a{% else %}other{% endcase %}; {% include greeting.html who=page.missing %}</p>',
  },
  {
    name: "unknown-filter",
    template: '<p>[{{ "kept as it is" | no_such_filter }}] [{{ page.title | upcase | no_such_filter: 3 }}]</p>',
    frontMatter: "title: Shown",
  },
  {
    name: "where-missing-key",
    template: '<p>{% assign reds = site.data.items | where: "color", "red" %}{% for i in reds %}{{ i.name }} {% endfor %}({{ reds.size }})</p>',
  },
  {
    name: "where-exp-missing-key",
    template: `<p>{% assign blues = site.data.items | where_exp: "i", "i.color == 'blue'" %}{% for i in blues %}{{ i.name }} {% endfor %}({{ blues.size }})</p>`,
  },
  {
    name: "capture-with-undefined",
    template: "{% capture note %}one {{ page.missing.deeper }} two{% endcapture %}<p>[{{ note }}] then [{{ note | size }}]</p>",
  },
  {
    name: "lookup-bracket-then-name",
    frontMatter: "who: grace",
    template: "<p>{{ site.data.people[page.who]name }} / {{ site.data.people['ada']born }}</p>",
  },
  {
    name: "size-first-last",
    template:
      '<p>{{ site.data.words.size }} {{ site.data.words.first }} {{ site.data.words.last }} {{ site.data.people.size }} {% assign word = "tunnel" %}{{ word.size }} {% assign first-person = site.data.people.first %}{{ first-person[0] }}</p>',
  },
  {
    name: "forloop-fields",
    template:
      "<ul>{% for w in site.data.words limit:3 %}<li>{{ forloop.index }} {{ forloop.index0 }} {{ forloop.rindex }} {{ forloop.rindex0 }} {{ forloop.first }} {{ forloop.last }} {{ forloop.length }}{% for n in (1..2) %} [{{ forloop.parentloop.index }}.{{ forloop.index }}]{% endfor %}</li>{% endfor %}</ul>",
  },
  {
    name: "tablerowloop-fields",
    template:
      "<table>{% tablerow w in site.data.words cols:2 %}{{ w }} {{ tablerowloop.index }} {{ tablerowloop.col }} {{ tablerowloop.col0 }} {{ tablerowloop.row }} {{ tablerowloop.col_first }} {{ tablerowloop.col_last }} {{ tablerowloop.first }} {{ tablerowloop.last }} {{ tablerowloop.length }} {{ tablerowloop.rindex }}{% endtablerow %}</table>",
  },
  {
    name: "highlight",
    template: '{% highlight ruby %}\ndef tunnel(port)\n  puts "open #{port} <ok> & done"\nend\n{% endhighlight %}',
  },
  {
    name: "highlight-linenos",
    template: "{% highlight shell linenos %}\nssh -N -L 5432:db:5432 stitch@bastion\necho done\n{% endhighlight %}",
  },
  { name: "include-dynamic-name", frontMatter: "partial: farewell.html", template: "<p>{% include {{ page.partial }} %}</p>" },
  {
    name: "include-dynamic-path",
    frontMatter: "kind: warning",
    template: '<p>{% include callouts/{{ page.kind }}.html text="Mind the gap" %}</p>',
  },
  {
    name: "include-relative",
    frontMatter: "title: Relative page",
    template: '<p>{% include_relative snippets/part.txt topic="tunnels" %}</p>',
  },
  { name: "link", template: '<p><a href="{% link content/guide.md %}">guide</a></p>' },
  { name: "post-url", template: '<p><a href="{% post_url content/2024-01-15-tunnel-news %}">news</a></p>' },
  { name: "raw", template: "<p>{% raw %}{{ page.title }} and {% if x %}kept{% endif %}{% endraw %}</p>" },
  {
    name: "integer-division",
    template: "<p>{{ 7 | divided_by: 2 }} {{ -7 | divided_by: 2 }} {{ 7.0 | divided_by: 2 }} {{ 8 | divided_by: 2.0 }} {{ 7 | modulo: 3 }}</p>",
  },
  {
    name: "float-output",
    template: '<p>{{ 2 | times: 2.0 }} {{ 1.5 | plus: 1.5 }} {{ "3.0" | plus: 1 }} {{ 10 | minus: 2.5 }} {{ 3.14159 | round: 2 }} {{ 2.5 | round }}</p>',
  },
  {
    name: "float-literals",
    template:
      "<p>{{ 4.0 }} {{ -2.0 }} {{ 1.50 }} {% assign x = 2.50 %}{{ x }} {% assign y = 4.0 %}{{ y }} {{ y | plus: 1 }} {{ 10.0 | divided_by: 4 }} {{ 3 | times: 1.0 }} {% include float-literal.html %}</p>" +
      "<p>{% if y == 4 %}equal{% endif %} {% if 4.0 > 3 %}greater{% endif %} {% if y < 4.5 %}less{% endif %} {% if 4 == y %}reversed{% endif %} {% if y != 4 %}unequal{% endif %}</p>",
  },
  {
    name: "date-format",
    template:
      '<p>{{ "2024-03-05 14:07:09" | date: "%Y-%m-%d %H:%M:%S | %a %A %b %B | %e %-d %-m %j | %y %I %l %p %P | %% %U %w %u %Z" }}</p><p>{{ "2024-11-20" | date: "%d %b %Y" }} {{ "2024-11-20" | date_to_string }} {{ "2024-11-20" | date_to_long_string }}</p>',
  },
  {
    name: "array-to-sentence-string",
    template:
      '<p>{{ site.data.words | array_to_sentence_string }} / {{ site.data.words | array_to_sentence_string: "or" }} / {% assign two = "x,y" | split: "," %}{{ two | array_to_sentence_string }} / {% assign one = "solo" | split: "," %}{{ one | array_to_sentence_string }}</p>',
  },
  {
    name: "group-by",
    template:
      '<ul>{% assign groups = site.data.items | group_by: "color" %}{% for g in groups %}<li>[{{ g.name }}] {{ g.size }}: {% for i in g.items %}{{ i.name }} {% endfor %}</li>{% endfor %}</ul>',
  },
  {
    name: "group-by-exp",
    template:
      '<ul>{% assign groups = site.data.items | group_by_exp: "i", "i.weight | modulo: 2" %}{% for g in groups %}<li>[{{ g.name }}] {{ g.size }}: {% for i in g.items %}{{ i.name }} {% endfor %}</li>{% endfor %}</ul>',
  },
  {
    name: "find",
    template:
      '<p>{% assign red = site.data.items | find: "color", "red" %}{{ red.name }} [{% assign none = site.data.items | find: "color", "green" %}{{ none.name }}]</p>',
  },
  {
    name: "find-exp",
    template: '<p>{% assign heavy = site.data.items | find_exp: "i", "i.weight > 3" %}{{ heavy.name }}</p>',
  },
  {
    name: "number-of-words",
    template: `<p>{{ "Open  the tunnel, then   connect." | number_of_words }} {{ "" | number_of_words }} {{ "one\ttwo\nthree" | number_of_words }}</p>`,
  },
  { name: "normalize-whitespace", template: `<p>[{{ "  spaced \t out\n\n text  " | normalize_whitespace }}]</p>` },
  { name: "smartify", template: `{% capture text %}It's "quoted" -- and --- so... 'single'{% endcapture %}<p>{{ text | smartify }}</p>` },
  { name: "cgi-escape", template: '<p>{{ "a b&c/d?e=f+g~é" | cgi_escape }}</p>' },
  { name: "uri-escape", template: '<p>{{ "/path with spaces/é?q=a b#frag" | uri_escape }}</p>' },
  {
    name: "inspect",
    template: `<p>{{ site.data.words | inspect }} {{ site.data.people.ada | inspect }} {{ page.missing | inspect }} {{ 'q"uote' | inspect }} {{ 3 | inspect }}</p>`,
  },
  { name: "sample", template: '<p>{% assign one = "only" | split: "," %}{{ one | sample }} {{ site.data.words | sample: 2 | size }}</p>' },
  {
    name: "push-pop-shift-unshift",
    template:
      '<p>{{ site.data.words | push: "zeta" | join: "," }} / {{ site.data.words | pop | join: "," }} / {{ site.data.words | shift | join: "," }} / {{ site.data.words | unshift: "omega" | join: "," }} / {{ site.data.words | join: "," }}</p>',
  },
  {
    name: "and-or-right-to-left",
    template:
      "<p>{% if true or false and false %}A{% else %}B{% endif %} {% if false and false or true %}C{% else %}D{% endif %} {% if page.nope == empty %}E{% endif %} {% if page.nope == nil %}G{% endif %}</p>",
  },
  {
    name: "default-false-and-empty",
    template:
      '<p>[{{ false | default: "x" }}] [{{ "" | default: "y" }}] [{{ 0 | default: "z" }}] [{{ false | default: "w", allow_false: true }}] [{{ site.data.words | default: "v" | size }}] [{{ empty_thing | default: "u" }}]</p>',
  },
  {
    name: "ruby-arithmetic-filters",
    template:
      '<p>{{ "3" | plus: "4" }} {{ 10 | divided_by: 4 }} {{ 10 | divided_by: 4.0 }} {{ 7 | modulo: 3 }} {{ -7 | modulo: 3 }} {{ 3.14159 | round: 2 }} {{ 2.5 | round }} {{ 4.2 | ceil }} {{ -4.2 | floor }} {{ -3 | abs }} {{ 5 | at_least: 8 }} {{ 5 | at_most: 3 }} {{ "1.5" | times: 2 }} {{ 1 | minus: 0.1 }}</p>',
  },
  {
    name: "string-filters",
    template:
      '<p>{{ "hello world" | capitalize }} {{ "HELLO" | downcase }} {{ "a,b,,c" | split: "," | size }} {{ "abc" | slice: 1 }} {{ "abc" | slice: -2, 2 }} {{ "abcdef" | truncate: 4 }} {{ "  x  " | lstrip }}| {{ "a-b-c" | replace_first: "-", "+" }} {{ "a-b-c" | remove_first: "-" }} {{ "x" | prepend: "y" | append: "z" }} {{ "<b>" | escape_once }} {{ "&amp; <i>" | escape_once }} {{ "multi\nline" | newline_to_br }} {{ "a b" | url_encode }} {{ "a%20b" | url_decode }} {{ "héllo" | size }}</p>',
  },
  {
    name: "comparisons",
    template:
      '<p>{% if "10" > "9" %}S{% else %}N{% endif %} {% if 10 > 9 %}Y{% endif %} {% if site.data.words contains "beta" %}H{% endif %} {% if "banana" contains "nan" %}I{% endif %} {% if page.nope contains "x" %}J{% else %}K{% endif %} {% unless false %}U{% endunless %} {% if 1 == 1.0 %}Q{% endif %}</p>',
  },
  {
    name: "array-filters",
    template:
      '<p>{{ site.data.words | reverse | join: "," }} {{ site.data.words | sort | first }} {{ site.data.words | last }} {{ site.data.words | size }} {{ site.data.items | map: "color" | compact | uniq | join: "," }} {{ site.data.words | concat: site.data.words | uniq | size }} {{ site.data.items | sort_natural: "name" | map: "name" | join: "," }} {{ site.data.words | where_exp: "w", "w contains \'a\'" | size }} {{ site.data.words | slice: 1, 2 | join: "+" }}</p>',
  },
  {
    name: "loop-ranges-and-hashes",
    template:
      '<p>{% for w in site.data.words limit: 2 offset: 1 %}{{ forloop.index }}/{{ forloop.length }}:{{ w }}{% if forloop.first %}F{% endif %}{% if forloop.last %}L{% endif %} {% endfor %} {% for i in (3..1) %}{{ i }}{% else %}none{% endfor %} {% assign n = 3 %}{% for i in (1..n) %}{{ i }}{% endfor %} {% for c in "abc" %}{{ c }}{% endfor %} {% for pair in site.data.people %}{{ pair[0] }}={{ pair[1].born }} {% endfor %}</p>',
  },
  {
    name: "slugify",
    template:
      '<p>{{ "Allow Stitch\'s IP addresses" | slugify }} {{ "  --Café & crème: v2.0!--  " | slugify }} {{ "Ünïcödé Wörds_x" | slugify: "latin" }} {{ "a.b~c!d(e)" | slugify: "pretty" }} {{ "Tabs\tand  spaces" | slugify: "raw" }} {{ "Naïve ascii" | slugify: "ascii" }} {{ "Keep THIS" | slugify: "none" }}</p>',
  },
  {
    name: "truncatewords",
    template:
      '<p>[{{ "one two three four five " | truncatewords: 6 }}] [{{ "a b c" | truncatewords: 3 }}] [{{ "  spaced   out words here" | truncatewords: 2 }}] [{{ "keep   inner   spacing" | truncatewords: 5 }}] [{{ "x y z" | truncatewords: 0, "+" }}] [{{ page.missing | truncatewords: 2 }}]</p>',
  },
  {
    // Ruby's quoted text has no escapes; Jekyll's include parameters have \" and \' only.
    name: "backslashes",
    template: String.raw`<p>[{{ "C:\temp\new" }}] [{{ "a\\b" | size }}] [{{ "one\two" | split: "\" | join: "/" }}] [{{ "path/to" | replace: "/", "\" }}] [{{ "x\u0041" }}] [{% assign s = 'q\w' %}{{ s }}] [{% if "a\b" == "a\b" %}same{% endif %}]</p><p>{% include callouts/warning.html text="C:\temp \"quoted\" back\\slash" %} {% include callouts/warning.html text='it\'s' %}</p>`,
  },
  {
    // Ruby Liquid's filters read a hash as a list of one hash (InputIterator), except size/first.
    name: "filters-on-hashes",
    template:
      '<p>{{ site.data.people | size }} {{ site.data.people | map: "name" | size }} [{{ site.data.people | map: "name" | first }}] {{ site.data.people | first | first }} [{{ site.data.people | last }}] {{ site.data.people | reverse | size }} {{ site.data.people | sort | size }} {{ site.data.people | where: "born", 1815 | size }} {{ site.data.people | uniq | size }} {{ site.data.people | compact | size }} {% for p in site.data.people reversed %}{{ p[0] }} {% endfor %}[{{ "abc" | first }}] [{{ "abc" | last }}] {{ "abc" | reverse | join: "," }} {{ 42 | size }} {{ 4.5 | size }} {{ nothing | join: "," | size }} {{ "x" | join: "," }} {{ site.data.people | map: "first" | compact | size }} {{ site.data.items | map: "name" | join: "," }} [{{ site.data.words | map: "lph" | join: "," }}] {{ site.data.people | map: "ada" | map: "born" | first }}</p>',
  },
  {
    // Lists of lists are flattened by join, uniq, sort, reverse, compact and where, not by size or first.
    name: "nested-lists",
    template:
      '<p>[{{ site.data.groups | join: "," }}] {{ site.data.groups | size }} {{ site.data.groups | first | size }} {{ site.data.groups | uniq | size }} {{ site.data.groups | reverse | first }} {{ site.data.groups | sort | last }} {{ site.data.groups | compact | size }} {{ site.data.groups | join: "," | split: "," | uniq | join: "+" }} {{ "a,b,," | split: "," | size }} {{ "" | split: "," | size }} {{ ",a" | split: "," | size }} {{ "a b  c " | split: " " | size }}</p>',
  },
  {
    name: "include-parameters-with-liquid",
    template:
      '<p>{% capture port_text %}Port {{ site.data.people.ada.born }} is open{% endcapture %}{% include callouts/warning.html text=port_text %}</p><p>{% assign who = "Grace" %}{% include greeting.html who=who %} {% include greeting.html who=site.data.people.grace.name %}</p>',
  },
  {
    name: "liquid-tag-and-echo",
    template:
      "<p>{% liquid\n  assign total = 0\n  for w in site.data.words\n    assign total = total | plus: w.size\n  endfor\n  echo total\n%} {% echo 'x' | upcase %}</p>",
  },
  {
    name: "contains-on-hashes-and-empties",
    template:
      '<p>{% if site.data.people contains "ada" %}A{% else %}a{% endif %} {% if site.data.words contains "gam" %}G{% else %}g{% endif %} {% if site.data.people == empty %}E{% else %}e{% endif %} {% if site.data.nothing == empty %}N{% else %}n{% endif %} {% if "" == empty %}S{% endif %} {% assign arr = "" | split: "," %}{% if arr == empty %}L{% endif %} {% if site.data.people.size > 1 %}P{% endif %}</p>',
  },
  {
    name: "whitespace-control",
    template:
      "<ul>\n{%- for w in site.data.words limit: 3 -%}\n  <li>{{- w -}}</li>\n{%- endfor -%}\n</ul>\n<p>[ {{- 'tight' -}} ] [{%- if true %} a {% endif -%}]</p>",
  },
  {
    name: "jsonify",
    template:
      '<p>{{ site.data.people.ada | jsonify }} {{ site.data.words | slice: 0, 2 | jsonify }} {{ "tag <b> & co/x" | jsonify }} {{ nil | jsonify }} {{ 3.5 | jsonify }} {{ site.data.items | map: "weight" | jsonify }}</p>',
  },
  {
    name: "date-filters",
    template:
      '<p>{{ "2024-03-01 14:05:09 +0000" | date: "%-d %B %Y, %A %j %U %e|%l|%P %I:%M %p %y %C %G-W%V-%u %s" }} | {{ "2024-03-01" | date_to_string }} | {{ "2024-03-01" | date_to_string: "ordinal" }} | {{ "2024-03-21" | date_to_string: "ordinal", "US" }} | {{ "2024-03-02" | date_to_long_string: "ordinal" }} | {{ "2024-03-03" | date_to_long_string: "ordinal", "US" }} | {{ "2024-03-01 10:00:00 +0200" | date_to_rfc822 }} | {{ "2024-03-01 10:00:00 +0200" | date_to_xmlschema }} | {{ "March 5, 2024" | date: "%F" }} | {{ "not a date" | date: "%Y" }} | {{ "2024-12-30" | date: "%G-W%V %g" }} {{ "2021-01-03" | date: "%G-W%V" }} {{ "2027-01-01" | date: "%G-W%V" }} {{ "2024-06-15 08:09:10 -0500" | date: "%D %T %R %r %h %c|%x|%X" }} {{ "2024-06-15" | date: "%%F %v" }}</p>',
  },
  {
    name: "jekyll-url-and-text-filters",
    template:
      '<p>{{ "a b&c/d?e=f#g" | uri_escape }} | {{ "a b&c/d?e=f#g" | cgi_escape }} | {{ "https://other.test/x" | absolute_url }} | {{ "https://other.test/x" | relative_url }} | [{{ nil | relative_url }}] | {{ "x.html" | relative_url }} | {{ "/x/index.html" | absolute_url }} | {{ "5" | to_integer | plus: 1 }} | {{ site.data.words | array_to_sentence_string: "or" }} | {{ "Hello 世界 again" | number_of_words: "cjk" }} | {{ "Hello 世界 again" | number_of_words: "auto" }} | {{ "  a \n b  " | normalize_whitespace }}| {{ site.data.items | find: "color", "blue" | map: "name" }} | [{{ nil | absolute_url }}] [{{ "" | relative_url }}]</p>',
  },
  {
    name: "inline-comments-and-dynamic-includes",
    frontMatter: "callout: greeting.html\nwho: Grace",
    template:
      '<p>{% # a note for authors, not shown %}A{%- # trimmed note -%} B {% include {{ page.callout }} who=page.who %} {% assign name = "farewell" %}{% include {{ name }}.html %} {% assign kind = "warning" %}{% include callouts/{{ kind }}.html text="dynamic folder" %}</p>',
  },
];

/** The Jekyll site: `_config.yml`, the shared files, and a page per fixture. */
export function jekyllSiteFiles(): Record<string, string> {
  const files: Record<string, string> = {
    "_config.yml": 'title: Liquid fixtures\nbaseurl: "/docs"\ntimezone: UTC\n',
    "_data/site.yml": 'title: Liquid fixtures\nbaseurl: "/docs"\n',
    ...SHARED_FILES,
  };
  for (const fixture of FIXTURES) {
    files[`content/${fixture.name}.html`] = `---\nlayout: null\n${fixture.frontMatter ? `${fixture.frontMatter}\n` : ""}---\n${fixture.template}\n`;
  }
  return files;
}
